using Oversight.Policies;
using Oversight.Tests.Support;

namespace Oversight.Tests.Detection;

/// <summary>The limits the detectors measure against (0.5 sq mi, 12 h), in Rochester's time zone, with the default thresholds unless told.</summary>
internal static class DetectionPolicies
{
    public static Policy Default(string detection = "") => TestPolicies.Load($"""
        policy: detection-test
        version: "1"
        timeZone: America/Chicago
        rules:
          - {"{"} id: area-limit, kind: max-area, limit: 0.5 sq mi {"}"}
          - {"{"} id: window-limit, kind: max-window, limit: 12h {"}"}
        {(detection.Length == 0 ? string.Empty : "detection:\n" + string.Join('\n', detection.Trim('\n').Split('\n').Select(l => "  " + l.Trim())))}
        """);
}
