using System.Diagnostics;

namespace Oversight.Worker.Cli;

/// <summary>
/// A progress line on standard error every two seconds for long inputs (10,000 records or more),
/// or, while the total is not known yet (a file still being read), with how much of the file is read.
/// </summary>
internal sealed class Progress(Console2 console, string verb, int total, bool quiet, Func<double?>? share = null)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly bool enabled = !quiet && (total >= 10_000 || share is not null);
    private long next = 2_000;
    private int done;

    /// <summary>One more record done.</summary>
    public void Tick()
    {
        done++;
        if (enabled && (done & 1023) == 0)
        {
            Show();
        }
    }

    /// <summary><paramref name="count"/> records done so far (for work that reports in batches).</summary>
    public void At(int count)
    {
        done = count;
        if (enabled)
        {
            Show();
        }
    }

    private void Show()
    {
        if (clock.ElapsedMilliseconds < next)
        {
            return;
        }

        next = clock.ElapsedMilliseconds + 2_000;
        var rate = done / clock.Elapsed.TotalSeconds;
        console.Error.WriteLine(share is not null
            ? $"{verb}: {done:N0} done ({(share() is { } s ? $"{100 * s:0}% of the file read, " : string.Empty)}{rate:N0}/s)"
            : $"{verb}: {done:N0} of {total:N0} ({100.0 * done / total:0}%, {rate:N0}/s)");
    }
}

/// <summary>Progress that reports on the caller's thread, so that lines come out in order (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class Steps(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}
