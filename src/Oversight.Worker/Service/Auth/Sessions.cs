using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Oversight.Storage;

namespace Oversight.Worker.Service.Auth;

/// <summary>
/// Signed-in sessions for the web console: an API key given once at <c>/signin</c> becomes an
/// HttpOnly, SameSite=Strict cookie (Secure when the request is HTTPS) with a sliding expiry. The
/// cookie holds the key's id and role, never the key; every request checks that the key still
/// exists and is not revoked, so revoking a key ends its sessions at once. The API keeps its Bearer
/// keys: a request with an <c>Authorization</c> header is judged by the header alone.
/// </summary>
public static class Sessions
{
    /// <summary>The scheme every endpoint uses: the Bearer key when a header is sent, else the session cookie.</summary>
    public const string Scheme = "Oversight";

    public const string CookieScheme = "Session";

    public const string CookieName = "oversight.session";

    /// <summary>The header a signed-in page sends its antiforgery token in when it calls the API.</summary>
    public const string AntiforgeryHeader = "RequestVerificationToken";

    /// <summary>How long a session lasts without use; each use within it extends it.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    public static void AddOversightSessions(this IServiceCollection services, ServiceOptions options)
    {
        var keys = services.AddDataProtection().SetApplicationName("oversight");
        if (WebKeysFolder(options) is { } folder)
        {
            Directory.CreateDirectory(folder);
            keys.PersistKeysToFileSystem(new DirectoryInfo(folder));
        }

        services.AddAntiforgery(a =>
        {
            a.HeaderName = AntiforgeryHeader;
            a.Cookie.Name = "oversight.antiforgery";
            a.Cookie.SameSite = SameSiteMode.Strict;
            a.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or session", policy =>
            {
                policy.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey("Authorization") ? ApiKeyAuthenticationHandler.SchemeName : CookieScheme;
                // The API answers 401 and 403; pages send the browser to sign in.
                policy.ForwardChallenge = null;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.IsEssential = true;
                cookie.ExpireTimeSpan = Idle;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/signin";
                cookie.LogoutPath = "/signout";
                cookie.AccessDeniedPath = "/denied";
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.Events.OnValidatePrincipal = ValidateAsync;
                cookie.Events.OnRedirectToLogin = context => Redirect(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => Redirect(context, StatusCodes.Status403Forbidden);
            });
        services.AddAuthorization();
    }

    /// <summary>Where the keys that protect session cookies and antiforgery tokens are kept: <c>--web-keys</c>, else a folder beside the SQLite database.</summary>
    public static string? WebKeysFolder(ServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.WebKeys is { } folder)
        {
            return Path.GetFullPath(folder);
        }

        var database = DatabaseTarget.Parse(options.Db);
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        return Path.Combine(Path.GetDirectoryName(file) ?? ".", "web-keys");
    }

    /// <summary>
    /// Signs in with an API key: null when the key is unknown or revoked. The session remembers the
    /// key's id and role, never the key.
    /// </summary>
    public static async Task<ApiKeyRecord?> SignInAsync(HttpContext http, GateService gate, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(gate);
        ApiKeyRecord? record;
        await using (var db = gate.Database.CreateContext())
        {
            record = await ApiKeys.FindAsync(db, key.Trim(), cancellationToken);
        }

        if (record is null)
        {
            return null;
        }

        http.RequestServices.GetRequiredService<KeyUsage>().Touch(record);
        await http.SignInAsync(CookieScheme, KeyClaims.Principal(record, CookieScheme), new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        return record;
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(CookieScheme);

    /// <summary>True when the request came with a session cookie rather than a Bearer key.</summary>
    public static bool BySession(this ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: CookieScheme };

    /// <summary>
    /// A session may call the API from its pages, but a state-changing call must carry the page's
    /// antiforgery token: another site cannot make the browser act for the user. (Bearer calls carry
    /// no cookie and need none.)
    /// </summary>
    public static IApplicationBuilder UseSessionAntiforgeryForApi(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/v1")
                && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
                && context.User.BySession())
            {
                var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await context.Response.WriteAsJsonAsync(
                        new { type = "about:blank", title = "Missing or invalid antiforgery token", status = 400, detail = $"A signed-in page calls the API with its token in the {AntiforgeryHeader} header; reload the page and try again." },
                        context.RequestAborted);
                    return;
                }
            }

            await next(context);
        });

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(ApiKeyAuthenticationHandler.KeyClaim);
        ApiKeyRecord? record = null;
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var keyId))
        {
            var gate = context.HttpContext.RequestServices.GetRequiredService<GateService>();
            await using var db = gate.Database.CreateContext();
            record = await ApiKeys.FindByIdAsync(db, keyId, context.HttpContext.RequestAborted);
        }

        if (record is null || record.Role != context.Principal!.FindFirstValue(ClaimTypes.Role)
            || record.Agency != context.Principal!.FindFirstValue(ApiKeyAuthenticationHandler.AgencyClaim))
        {
            // The key was revoked (or changed) since sign-in: the session ends now.
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
            return;
        }

        context.HttpContext.RequestServices.GetRequiredService<KeyUsage>().Touch(record);
    }

    /// <summary>The API and the job dashboard's data calls answer with a status; pages send the browser to sign in (or to the page that explains a refusal).</summary>
    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/v1") || context.Request.Path.StartsWithSegments("/openapi"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
