namespace Provisioner.Messaging.Tests.Host;

public sealed record OrderPlaced(Guid OrderId, int Sequence);

public sealed record SubmitOrder(Guid OrderId);

public sealed record OrderSubmitted(Guid OrderId);

public sealed record ItemAdded(Guid OrderId, int Amount);

public sealed record StartOrder(Guid OrderId, int TimeoutSeconds);

public sealed record CompleteOrder(Guid OrderId);

public sealed record OrderTimeout(Guid OrderId);

public sealed record OrderExpired(Guid OrderId);
