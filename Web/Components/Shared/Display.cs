using System.Globalization;

namespace Provisioner.Web.Components.Shared;

/// <summary>How pages show times and durations: UTC, one format everywhere.</summary>
public static class Display
{
    public static string Time(DateTimeOffset? value, string empty = "—") =>
        value is { } v ? v.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : empty;

    public static string Duration(TimeSpan? value, string empty = "—")
    {
        if (value is not { } d)
        {
            return empty;
        }

        d = d.Duration();
        return d.TotalSeconds < 1 ? $"{d.TotalMilliseconds:0} ms"
            : d.TotalMinutes < 1 ? $"{d.TotalSeconds:0.#} s"
            : d.TotalHours < 1 ? $"{(int)d.TotalMinutes} min {d.Seconds} s"
            : $"{(int)d.TotalHours} h {d.Minutes} min";
    }

    public static string Duration(DateTimeOffset? start, DateTimeOffset? end, string empty = "—") =>
        start is { } s && end is { } e ? Duration(e - s, empty) : empty;
}
