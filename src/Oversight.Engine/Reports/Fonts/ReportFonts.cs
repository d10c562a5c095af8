using SkiaSharp;

namespace Oversight.Reports.Fonts;

/// <summary>
/// DejaVu Sans (regular and bold), embedded in the assembly so every PDF looks the same on every
/// machine; also offered to ScottPlot under <see cref="Family"/>.
/// </summary>
internal static class ReportFonts
{
    /// <summary>The family name charts ask ScottPlot for.</summary>
    public const string Family = "Oversight DejaVu Sans";

    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSans-Bold.ttf"));
    private static readonly Lazy<bool> Registered = new(() =>
    {
        lock (ScottPlot.Fonts.FontResolvers)
        {
            ScottPlot.Fonts.FontResolvers.Insert(0, new Resolver());
        }

        return true;
    });

    public static SKTypeface Regular => RegularFace.Value;

    public static SKTypeface Bold => BoldFace.Value;

    /// <summary>Makes <see cref="Family"/> resolvable by ScottPlot (once per process).</summary>
    public static void RegisterWithScottPlot() => _ = Registered.Value;

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream("Oversight.Reports.Fonts." + file)
            ?? throw new InvalidOperationException($"The embedded font {file} is missing from the assembly.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The embedded font {file} does not load.");
    }

    private sealed class Resolver : ScottPlot.IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == Family ? (bold ? Bold : Regular) : null;

        public SKTypeface? CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing width) =>
            fontName == Family ? (weight >= ScottPlot.FontWeight.SemiBold ? Bold : Regular) : null;
    }
}
