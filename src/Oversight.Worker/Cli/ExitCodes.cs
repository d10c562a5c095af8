namespace Oversight.Worker.Cli;

/// <summary>Exit statuses of the <c>oversight</c> verbs (see README and docs).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Policy tests failed, or the decision log is broken.</summary>
    public const int Failures = 1;

    /// <summary>Invalid input, invalid policy or a bad command line.</summary>
    public const int Invalid = 2;

    public const int Review = 10;

    public const int Deny = 11;
}
