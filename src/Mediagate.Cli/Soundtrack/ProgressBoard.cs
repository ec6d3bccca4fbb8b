using System.Collections.Concurrent;
using Mediagate.Soundtrack;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Mediagate.Cli.Soundtrack;

/// <summary>The live display of a soundtrack job on a terminal: one row per line, the music, each effect and the mix.</summary>
internal sealed class ProgressBoard
{
    private readonly ConcurrentDictionary<string, (int Order, PieceUpdate Update)> _pieces = new();
    private int _order;

    /// <summary>Records a change; safe from any thread.</summary>
    public void Update(PieceUpdate update) =>
        _pieces.AddOrUpdate(update.Piece, _ => (Interlocked.Increment(ref _order), update), (_, old) => (old.Order, update));

    /// <summary>Shows the board on stderr while <paramref name="work"/> runs.</summary>
    public async Task<T> ShowAsync<T>(CliHost host, Func<Task<T>> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(host.Error),
            Ansi = AnsiSupport.Detect,
            Interactive = InteractionSupport.Yes,
        });
        var frame = 0;
        T result = default!;
        await console.Live(Render(frame)).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(async live =>
        {
            var running = work();
            while (!running.IsCompleted)
            {
                await Task.WhenAny(running, Task.Delay(100));
                live.UpdateTarget(Render(++frame));
            }
            live.UpdateTarget(Render(frame));
            result = await running;
        });
        return result;
    }

    private IRenderable Render(int frame)
    {
        var spinner = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"[frame % 10];
        var table = new Table().Border(TableBorder.None).HideHeaders().AddColumn("state").AddColumn("piece").AddColumn("detail");
        foreach (var (_, update) in _pieces.Values.OrderBy(p => p.Order))
        {
            var mark = update.State switch
            {
                PieceState.Waiting => "[grey]·[/]",
                PieceState.Working => $"[yellow]{spinner}[/]",
                PieceState.Cached => "[green]✓[/]",
                PieceState.Done => "[green]✓[/]",
                _ => "[grey]–[/]",
            };
            var detail = update.State switch
            {
                PieceState.Cached => $"cached ({update.Detail})",
                PieceState.Waiting => "waiting",
                _ => update.Detail,
            };
            table.AddRow(new Markup(mark), new Spectre.Console.Text(update.Piece), new Spectre.Console.Text(detail));
        }
        return table;
    }
}
