namespace Oversight.Requests;

/// <summary>The authority a request rests on.</summary>
public enum LegalBasis
{
    Consent,
    Warrant,
    Exigent,
}

/// <summary>Names of <see cref="LegalBasis"/> values as they appear in requests and policies.</summary>
public static class LegalBasisNames
{
    /// <summary>Every accepted name, in order.</summary>
    public static readonly IReadOnlyList<string> All = ["consent", "warrant", "exigent"];

    public static string Name(this LegalBasis basis) => basis switch
    {
        LegalBasis.Consent => "consent",
        LegalBasis.Warrant => "warrant",
        LegalBasis.Exigent => "exigent",
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, null),
    };

    public static bool TryParse(string? text, out LegalBasis basis)
    {
        switch (text)
        {
            case "consent":
                basis = LegalBasis.Consent;
                return true;
            case "warrant":
                basis = LegalBasis.Warrant;
                return true;
            case "exigent":
                basis = LegalBasis.Exigent;
                return true;
            default:
                basis = default;
                return false;
        }
    }
}
