namespace Oversight.Requests;

/// <summary>The span of footage asked for; <see cref="End"/> is after <see cref="Start"/>.</summary>
public sealed record TimeWindow
{
    public TimeWindow(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            throw new ArgumentException("A window ends after it starts.", nameof(end));
        }

        Start = start;
        End = end;
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public double Hours => (End - Start).TotalHours;
}
