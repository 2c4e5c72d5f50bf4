using System.Net.Http.Headers;

namespace Provisioner.Web.Operations;

/// <summary>A parsed <see cref="RabbitMqManagementOptions.Url"/>: the address to call, and how to authenticate.</summary>
public sealed record RabbitMqManagementEndpoint(Uri BaseAddress, AuthenticationHeaderValue Authorization);
