using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Provisioner.SnapshotAdvisor.Api.Tests.Support;

/// <summary>
/// A chat model without a network: each script answers the conversations whose user message contains its marker
/// (a test's unique business name), so tests sharing one host do not see each other's answers. It records every
/// conversation and the settings it was asked with.
/// </summary>
internal sealed class ScriptedChat : IChatCompletionService
{
    private readonly ConcurrentDictionary<string, Func<ChatHistory, CancellationToken, Task<string?>>> _scripts = new();

    public ConcurrentQueue<(ChatHistory History, PromptExecutionSettings? Settings)> Calls { get; } = new();

    public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?>();

    public void Script(string marker, Func<ChatHistory, CancellationToken, Task<string?>> answer) => _scripts[marker] = answer;

    public void Answer(string marker, string? content) => Script(marker, (_, _) => Task.FromResult(content));

    public async Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(
        ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue((chatHistory, executionSettings));
        var prompt = string.Join("\n", chatHistory.Select(m => m.Content));
        var script = _scripts.FirstOrDefault(s => prompt.Contains(s.Key, StringComparison.Ordinal)).Value
            ?? throw new InvalidOperationException("No script for this conversation.");
        return [new ChatMessageContent(AuthorRole.Assistant, await script(chatHistory, cancellationToken))];
    }

    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(
        ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var whole = await GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken);
        yield return new StreamingChatMessageContent(AuthorRole.Assistant, whole[0].Content);
    }
}
