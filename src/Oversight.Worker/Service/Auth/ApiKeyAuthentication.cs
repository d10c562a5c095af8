using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Oversight.Storage;

namespace Oversight.Worker.Service.Auth;

/// <summary>Authenticates <c>Authorization: Bearer &lt;key&gt;</c> against the stored key hashes.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    KnownKeys keys,
    KeyUsage usage)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string AgencyClaim = "oversight:agency";
    public const string KeyClaim = "oversight:key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return AuthenticateResult.Fail("Authorization must be 'Bearer <API key>'.");
        }

        var key = header[7..].Trim();

        // Whether the key is revoked is read on every call: a revoked key is refused from its next call on.
        if (await keys.FindAsync(key, Context.RequestAborted) is not { } record)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        usage.Touch(record);
        var principal = KeyClaims.Principal(record, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}

/// <summary>The claims of a key's caller, the same whether the key came as a Bearer header or through a signed-in session.</summary>
public static class KeyClaims
{
    public static ClaimsPrincipal Principal(ApiKeyRecord record, string scheme)
    {
        ArgumentNullException.ThrowIfNull(record);
        var claims = new List<Claim>
        {
            new(ClaimTypes.Role, record.Role),
            new(ApiKeyAuthenticationHandler.KeyClaim, record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, record.Name ?? $"{record.Role}-{record.Id}"),
        };
        if (record.Agency is { } agency)
        {
            claims.Add(new Claim(ApiKeyAuthenticationHandler.AgencyClaim, agency));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}

/// <summary>What the caller's key allows.</summary>
public static class CallerExtensions
{
    /// <summary>The agency of an agency key; null for other roles.</summary>
    public static string? AgencyOf(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Agency) ? user.FindFirstValue(ApiKeyAuthenticationHandler.AgencyClaim) : null;
}
