namespace Oversight.Worker.Cli;

/// <summary>Exit statuses of the <c>oversight</c> verbs (see README and docs).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Policy tests failed, or the decision log is broken.</summary>
    public const int Failures = 1;

    /// <summary>Invalid input, invalid policy, a file or folder that cannot be read or written, or a bad command line.</summary>
    public const int Invalid = 2;

    public const int Review = 10;

    public const int Deny = 11;

    /// <summary>A defect in oversight itself (EX_SOFTWARE); the details are in a log file.</summary>
    public const int Internal = 70;

    /// <summary>Interrupted (128 + SIGINT).</summary>
    public const int Cancelled = 130;
}
