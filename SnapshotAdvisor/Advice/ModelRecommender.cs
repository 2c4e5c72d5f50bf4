using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Provisioner.Contracts.Advisor;
using Provisioner.SnapshotAdvisor.Ranking;

namespace Provisioner.SnapshotAdvisor.Advice;

/// <summary>
/// Asks the chat model for one pick among the candidates and accepts the answer only if it is well-formed JSON naming
/// a candidate id with a confidence in 0..1 and at least one reason. Anything else — including a timeout or an
/// exception — becomes a <see cref="ModelFallback"/>, and the caller answers from the local ranker. The chat service
/// is optional: without one <see cref="IsAvailable"/> is false and only the local ranker answers.
/// </summary>
public sealed partial class ModelRecommender(
    IOptions<AdvisorModelOptions> options, ILogger<ModelRecommender> logger, IChatCompletionService? chat = null)
{
    private const int MaxReasons = 5;
    private const int MaxReasonLength = 400;

    /// <summary>A chat model is registered (configured in AdvisorModelOptions, or a test's fake).</summary>
    public bool IsAvailable => chat is not null;

    public async Task<ModelOutcome> AskAsync(AdvisorBusiness business, LibraryIndex index, RankingResult local, CancellationToken cancellationToken)
    {
        var settings = new OpenAIPromptExecutionSettings
        {
            ModelId = options.Value.Model,
            ResponseFormat = typeof(ModelAnswer),
            Temperature = 0,
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        string? content;
        try
        {
            var reply = await chat!.GetChatMessageContentAsync(ModelPrompt.Build(business, index, local), settings, kernel: null, timeout.Token);
            content = reply.Content;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(ModelFallback.Timeout, $"no answer within {options.Value.Timeout.TotalSeconds:0.#} s");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Any connector failure (HTTP, auth, quota, serialization) means no usable answer; the local ranker answers.
            LogModelError(error);
            return Fail(ModelFallback.Error, error.GetType().Name);
        }

        return Check(content, index);
    }

    private ModelOutcome Check(string? content, LibraryIndex index)
    {
        ModelAnswer? answer;
        try
        {
            answer = string.IsNullOrWhiteSpace(content) ? null : JsonSerializer.Deserialize<ModelAnswer>(content);
        }
        catch (JsonException error)
        {
            return Fail(ModelFallback.Malformed, $"not JSON of the answer schema: {error.Message}");
        }

        if (answer is not { SnapshotId.Length: > 0, Confidence: { } confidence, Reasons: { } reasons }
            || double.IsNaN(confidence) || confidence is < 0 or > 1)
        {
            return Fail(ModelFallback.Malformed, "snapshotId, confidence (0..1) or reasons missing or out of range");
        }

        var usable = reasons.Where(r => !string.IsNullOrWhiteSpace(r)).Take(MaxReasons)
            .Select(r => r.Length > MaxReasonLength ? r[..MaxReasonLength] : r.Trim()).ToList();
        if (usable.Count == 0)
        {
            return Fail(ModelFallback.Malformed, "no reason given");
        }

        var candidate = index.Library.FirstOrDefault(c => string.Equals(c.Id, answer.SnapshotId, StringComparison.Ordinal));
        if (candidate is null)
        {
            return Fail(ModelFallback.UnknownSnapshot, "the answer names a snapshot that is not a candidate");
        }

        return new ModelOutcome(new ModelPick(candidate, confidence, usable), null);
    }

    private ModelOutcome Fail(string code, string detail)
    {
        LogFallback(code, detail);
        return new ModelOutcome(null, new ModelFallback(code, detail));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat model failed; answering from the local ranker")]
    private partial void LogModelError(Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model answer not used ({Code}): {Detail}")]
    private partial void LogFallback(string code, string detail);
}
