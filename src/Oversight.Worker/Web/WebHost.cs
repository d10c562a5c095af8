using Microsoft.Extensions.Options;
using Oversight.Worker.Service;

namespace Oversight.Worker.Web;

/// <summary>
/// The web console and the public portal, served by <c>oversight serve</c> on the API's port:
/// Razor components rendered on the server (no build chain, no client framework), the embedded
/// assets, the map layers, and the error pages.
/// </summary>
public static class WebHost
{
    public static IServiceCollection AddOversightWeb(this IServiceCollection services, ServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddRazorComponents();
        services.AddSingleton<WebAssets>();
        services.AddSingleton<MapLayers>();
        services.AddSingleton<Portal.PortalFigures>();
        if (options.Role != ServiceRole.Worker)
        {
            services.AddHostedService(sp => sp.GetRequiredService<Portal.PortalFigures>());
        }

        return services;
    }

    /// <summary>
    /// Pages get an HTML page for a status without a body (404, 500) and security headers; the API
    /// keeps its problem details.
    /// </summary>
    public static void UseOversightWebErrors(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(c => !IsApi(c), pages =>
        {
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
            pages.Use(async (context, next) =>
            {
                if (!context.Request.Path.StartsWithSegments("/jobs"))
                {
                    var headers = context.Response.Headers;
                    var tiles = context.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value.MapTiles is { } t && Uri.TryCreate(t.Replace("{", string.Empty, StringComparison.Ordinal).Replace("}", string.Empty, StringComparison.Ordinal), UriKind.Absolute, out var uri)
                        ? " " + uri.GetLeftPart(UriPartial.Authority)
                        : string.Empty;
                    headers.ContentSecurityPolicy = $"default-src 'self'; img-src 'self' data:{tiles}; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
                    headers.XContentTypeOptions = "nosniff";
                    headers.XFrameOptions = "DENY";
                    headers["Referrer-Policy"] = "same-origin";
                }

                await next(context);
            });
        });
    }

    public static void MapOversightWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/assets/{**path}", (string path, HttpContext http, WebAssets assets) => assets.Serve(path, http)).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/map/layers.json", (HttpContext http, MapLayers layers) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=300";
            return TypedResults.Bytes(layers.Json(), "application/geo+json");
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/policy.yaml", (PolicyStore policies) =>
            policies.Active.Source is { } source && File.Exists(source)
                ? Results.Text(File.ReadAllText(source), "text/plain; charset=utf-8")
                : Results.NotFound()).AllowAnonymous().ExcludeFromDescription();
        app.MapRazorComponents<App>();
    }

    private static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/v1") || context.Request.Path.StartsWithSegments("/openapi") || context.Request.Path.StartsWithSegments("/healthz");
}
