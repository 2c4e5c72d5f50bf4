using System.Globalization;

namespace Provisioner.GhlSandbox.Infrastructure;

/// <summary>GHL passes skip/limit as strings; anything unparsable falls back to the documented default.</summary>
public static class Paging
{
    public static int Parse(string? value, int fallback) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0 ? parsed : fallback;
}
