using System.Security.Claims;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Web;

/// <summary>Addresses of the console's pages, made in one place.</summary>
public static class Pages
{
    /// <summary>A recorded request's page: an agency names its own ids; anyone else also names the agency.</summary>
    public static string Request(string id, string agency, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.AgencyOf() is null
            ? $"/console/requests/{Uri.EscapeDataString(id)}?agency={Uri.EscapeDataString(agency)}"
            : $"/console/requests/{Uri.EscapeDataString(id)}";
    }

    /// <summary>
    /// Answers the page with an error status (404, 400, 403) while still showing the page itself,
    /// which says what is wrong: the error pages are not run in its place.
    /// </summary>
    public static void Status(HttpContext http, int status)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        http.Response.StatusCode = status;
    }

    public static string Finding(string id) => $"/console/findings/{Uri.EscapeDataString(id)}";

    public static string Simulation(string id) => $"/console/simulations/{Uri.EscapeDataString(id)}";

    public static string Report(string id) => $"/console/reports/{Uri.EscapeDataString(id)}";

    /// <summary>A query string from the non-empty values, e.g. <c>?agency=a&amp;decision=deny</c>.</summary>
    public static string Query(params (string Name, string? Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var parts = values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{v.Name}={Uri.EscapeDataString(v.Value!)}").ToList();
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }
}
