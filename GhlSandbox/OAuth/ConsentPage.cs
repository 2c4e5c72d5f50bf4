using System.Text;
using System.Text.Encodings.Web;
using Provisioner.GhlSandbox.Model;

namespace Provisioner.GhlSandbox.OAuth;

/// <summary>The chooselocation HTML: pick an agency, approve or deny. Every value is HTML-encoded.</summary>
public static class ConsentPage
{
    public static string Render(AuthorizationRequest request, string appName, IEnumerable<CompanyRecord> companies, IEnumerable<string> scopes)
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>GHL Sandbox – Choose account</title>")
            .Append("<style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto}label{display:block;margin:.4rem 0}")
            .Append("button{margin-right:1rem;padding:.5rem 1.5rem}</style></head><body>")
            .Append("<h1>Connect ").Append(e.Encode(appName)).Append("</h1>")
            .Append("<p>The app asks for these permissions:</p><ul>");
        foreach (var scope in scopes)
        {
            html.Append("<li>").Append(e.Encode(scope)).Append("</li>");
        }

        html.Append("</ul><form method=\"post\" action=\"/oauth/chooselocation\"><fieldset><legend>Choose an agency</legend>");
        var first = true;
        foreach (var company in companies)
        {
            html.Append("<label><input type=\"radio\" name=\"companyId\" value=\"").Append(e.Encode(company.Id)).Append('"')
                .Append(first ? " checked" : string.Empty).Append("> ").Append(e.Encode(company.Name)).Append("</label>");
            first = false;
        }

        html.Append("</fieldset>");
        Hidden(html, e, "client_id", request.ClientId);
        Hidden(html, e, "redirect_uri", request.RedirectUri);
        Hidden(html, e, "scope", request.Scope);
        Hidden(html, e, "state", request.State);
        html.Append("<p><button type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>")
            .Append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></p></form></body></html>");
        return html.ToString();
    }

    public static string Error(string message) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>GHL Sandbox – Error</title></head>" +
        $"<body><h1>Authorization failed</h1><p id=\"error\">{HtmlEncoder.Default.Encode(message)}</p></body></html>";

    private static void Hidden(StringBuilder html, HtmlEncoder e, string name, string? value)
    {
        if (value is not null)
        {
            html.Append("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"").Append(e.Encode(value)).Append("\">");
        }
    }
}

/// <summary>The query (GET) or form (POST) of a chooselocation request.</summary>
public sealed record AuthorizationRequest(string? ResponseType, string? ClientId, string? RedirectUri, string? Scope, string? State);
