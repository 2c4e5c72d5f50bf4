using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text;

namespace Provisioner.TestSupport.Security;

/// <summary>
/// A deterministic generator of malformed request bodies and parameter values: mutations of a valid body (wrong types,
/// nulls, huge strings, control characters, invalid UTF-8, deep nesting, unknown fields, out-of-range numbers,
/// malformed JSON, wrong content types). Every case it yields must be refused; callers pass only paths where any
/// garbage is invalid by the endpoint's documented rules, so a 2xx is a real finding, not a generator accident.
/// </summary>
public static class BadInput
{
    public const int Kinds = 12;

    // C0/C1 controls only. Invisible format characters (U+FEFF, U+2028) are still accepted inside e-mail addresses: see
    // ProvisioningFindingsTests.
    private static readonly string[] ControlSamples = ["\u0000", "\u0007", "\u001b[31m", "\r\n", "\u0008\u0008", "\u007f"];

    private static readonly string[] MalformedJson =
    [
        "{", "}", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "[1,2", "{\"a\" 1}", "NaN", "{\"a\":NaN}", "/* c */ {}", "{\"a\":\"\\x41\"}",
        "{\"a\":\"unterminated}", "\u0000", "{\"a\":01}", "{\"a\":1}{\"b\":2}", "tru", "{\"a\":\"\\ud800\"}", "<xml/>",
    ];

    private static readonly string[] WrongTopLevel = ["", "null", "[]", "\"text\"", "0", "true", "[{}]"];

    private static readonly (string MediaType, string? Charset)[] WrongContentTypes =
    [
        ("text/plain", "utf-8"), ("application/xml", null), ("application/x-www-form-urlencoded", null), ("text/csv", null),
        ("multipart/form-data", null), ("application/octet-stream", null), ("image/png", null),
    ];

    /// <summary>A value no required text field accepts: wrong JSON types, empty or whitespace text.</summary>
    public static JsonNode? WrongType(Random random) => random.Next(6) switch
    {
        0 => JsonValue.Create(4200), // a number for text fields, out of range for the range-checked ones
        1 => JsonValue.Create(true),
        2 => new JsonArray("a", 1),
        3 => new JsonObject { ["nested"] = "x" },
        4 => JsonValue.Create(-1.5e300),
        _ => JsonValue.Create(""),
    };

    public static string Huge(Random random) => new((char)('a' + random.Next(26)), 100_000 + random.Next(1000));

    /// <summary>A control character inside the value (not at an end, where trimming would rightly remove it).</summary>
    public static string Control(Random random, string around) =>
        around.Insert(around.Length < 2 ? 0 : random.Next(1, around.Length), ControlSamples[random.Next(ControlSamples.Length)]);

    /// <summary>
    /// <paramref name="count"/> malformed JSON bodies derived from <paramref name="valid"/>. <paramref name="strictPaths"/>
    /// are required text fields (any garbage there is invalid); <paramref name="numericPaths"/> are range-checked numbers;
    /// <paramref name="controlPaths"/> (default: the strict ones) are fields of a closed format, where a control character
    /// is invalid (free text such as a name may hold a line break).
    /// </summary>
    public static IEnumerable<(string Kind, Func<HttpContent> Content)> Bodies(
        JsonObject valid, string[] strictPaths, string[] numericPaths, int count, int seed, string[]? controlPaths = null)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var path = strictPaths[random.Next(strictPaths.Length)];
            var kind = i % Kinds;
            switch (kind)
            {
                case 0:
                    yield return ("wrong-type", Json(Set(valid, path, WrongType(random))));
                    break;
                case 1:
                    yield return ("null", Json(Set(valid, path, null)));
                    break;
                case 2:
                    yield return ("huge-string", Json(Set(valid, path, Huge(random))));
                    break;
                case 3:
                    var controlPath = (controlPaths ?? strictPaths)[random.Next((controlPaths ?? strictPaths).Length)];
                    var controlled = Control(random, Get(valid, controlPath) ?? "x");
                    var codes = string.Join("+", controlled.Where(c => char.IsControl(c) || c > 0x2000).Select(c => $"U{(int)c:X4}"));
                    yield return ($"control-chars@{controlPath}:{codes}", Json(Set(valid, controlPath, controlled)));
                    break;
                case 4:
                    yield return ("invalid-utf8", InvalidUtf8(Set(valid, path, "\u0001MARK\u0001").ToJsonString(), random));
                    break;
                case 5:
                    yield return ("deep-nesting", Raw(Set(valid, path, "\u0001DEEP\u0001").ToJsonString()
                        .Replace("\"\\u0001DEEP\\u0001\"", Nested(70 + random.Next(5000)), StringComparison.Ordinal), "application/json"));
                    break;
                case 6:
                    // Unknown fields are ignored by design, so each case also removes a required field to stay invalid.
                    var extra = Remove(valid, path);
                    extra["$type"] = "System.IO.FileInfo, System.IO.FileSystem";
                    extra["__proto__"] = new JsonObject { ["admin"] = true };
                    extra["unknown" + random.Next(1000)] = Huge(random)[..100];
                    yield return ("unknown-fields", Json(extra));
                    break;
                case 7:
                    var numeric = numericPaths.Length > 0 ? numericPaths[random.Next(numericPaths.Length)] : path;
                    var number = new[] { "1e400", "-1", "0", "2147483648", "-9223372036854775809", "1.5", "99999999999999999999999", "[7]" }[random.Next(8)];
                    yield return ("number-out-of-range", Raw(Set(valid, numeric, "\u0001NUM\u0001").ToJsonString()
                        .Replace("\"\\u0001NUM\\u0001\"", number, StringComparison.Ordinal), "application/json"));
                    break;
                case 8:
                    var text = valid.ToJsonString();
                    yield return random.Next(2) == 0
                        ? ("malformed-json", Raw(MalformedJson[random.Next(MalformedJson.Length)], "application/json"))
                        : ("truncated-json", Raw(text[..random.Next(text.Length - 1)], "application/json"));
                    break;
                case 9:
                    var (mediaType, charset) = WrongContentTypes[random.Next(WrongContentTypes.Length)];
                    yield return ("wrong-content-type", Raw(valid.ToJsonString(), mediaType, charset));
                    break;
                case 10:
                    yield return ("wrong-top-level", Raw(WrongTopLevel[random.Next(WrongTopLevel.Length)], "application/json"));
                    break;
                default:
                    yield return ("missing-field", Json(Remove(valid, path)));
                    break;
            }
        }
    }

    /// <summary>Query or header values no id, flag, number or date parameter accepts.</summary>
    public static string BadValue(Random random) => random.Next(16) switch
    {
        0 => "-1",
        1 => "1.5",
        2 => "99999999999999999999999",
        3 => "0x10",
        4 => "abc",
        5 => "' OR 1=1 --",
        6 => "%00",
        7 => Huge(random)[..5000],
        8 => "١٢٣",
        9 => "1e5",
        10 => "NaN",
        11 => "<script>alert(1)</script>",
        12 => "../../etc/passwd",
        13 => "\u202e123",
        14 => "2025-13-45T99:99:99Z",
        _ => "{}",
    };

    public static HttpRequestMessage Request(HttpMethod method, string url, Func<HttpContent>? content = null) =>
        new(method, url) { Content = content?.Invoke() };

    private static Func<HttpContent> Json(JsonObject body)
    {
        var text = body.ToJsonString();
        return () => new StringContent(text, Encoding.UTF8, "application/json");
    }

    private static Func<HttpContent> Raw(string text, string mediaType, string? charset = null) => () =>
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = charset };
        return content;
    };

    private static Func<HttpContent> InvalidUtf8(string text, Random random)
    {
        byte[][] invalid = [[0xC3, 0x28], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xE2, 0x82]];
        var marker = Encoding.UTF8.GetBytes("\\u0001MARK\\u0001");
        var bytes = Encoding.UTF8.GetBytes(text).ToList();
        var at = IndexOf(bytes, marker);
        bytes.RemoveRange(at, marker.Length);
        bytes.InsertRange(at, invalid[random.Next(invalid.Length)]);
        var body = bytes.ToArray();
        return () =>
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return content;
        };
    }

    private static int IndexOf(List<byte> bytes, byte[] marker)
    {
        for (var i = 0; i <= bytes.Count - marker.Length; i++)
        {
            if (!marker.Where((b, j) => bytes[i + j] != b).Any())
            {
                return i;
            }
        }

        throw new InvalidOperationException("Marker not found.");
    }

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private static string? Get(JsonObject body, string path) => Navigate(body, path, out var parent, out var key) is null
        ? null
        : parent switch
        {
            JsonObject o when o[key] is JsonValue v && v.TryGetValue<string>(out var s) => s,
            JsonArray a when a[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] is JsonValue v && v.TryGetValue<string>(out var s) => s,
            _ => null,
        };

    private static JsonObject Set(JsonObject valid, string path, JsonNode? value)
    {
        var copy = valid.DeepClone().AsObject();
        Navigate(copy, path, out var parent, out var key);
        if (parent is JsonArray array)
        {
            array[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent!.AsObject()[key] = value;
        }

        return copy;
    }

    private static JsonObject Remove(JsonObject valid, string path)
    {
        var copy = valid.DeepClone().AsObject();
        Navigate(copy, path, out var parent, out var key);
        if (parent is JsonObject obj)
        {
            obj.Remove(key);
        }

        return copy;
    }

    /// <summary>Paths are dotted, array indexes as segments: <c>users.0.email</c>.</summary>
    private static JsonNode? Navigate(JsonObject root, string path, out JsonNode? parent, out string key)
    {
        var segments = path.Split('.');
        JsonNode? node = root;
        parent = null;
        key = segments[^1];
        foreach (var segment in segments[..^1])
        {
            node = node is JsonArray a ? a[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)] : node?[segment];
        }

        parent = node;
        return node;
    }
}
