using Herald.Web;
using Xunit;

namespace Herald.Tests.Web;

/// <summary>The portal's one view, swapped whole, and the options' defaults.</summary>
public sealed class PortalStateTests
{
    [Fact]
    public void View_BeforeTheFirstRefresh_IsEmpty()
    {
        var state = new PortalState();

        Assert.Same(PortalView.Empty, state.View);
        Assert.Null(state.Snapshot);
    }

    [Fact]
    public void Update_ChangesOnePart_KeepsTheRest_AndOldViewsStayAsTheyWere()
    {
        var state = new PortalState();
        state.Update(view => view with { Slug = "xen", CadenceMonths = 6 });
        var before = state.View;

        state.Update(view => view with { LastError = "the repository is gone" });

        Assert.Equal(("xen", 6, "the repository is gone"), (state.View.Slug, state.View.CadenceMonths, state.View.LastError));
        Assert.Null(before.LastError);
    }

    [Fact]
    public async Task Update_Concurrent_NoneIsLost()
    {
        var state = new PortalState();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                state.Update(view => view with { CadenceMonths = view.CadenceMonths + 1 });
            }
        })));

        Assert.Equal(PortalView.Empty.CadenceMonths + 8000, state.View.CadenceMonths);
    }

    [Fact]
    public void PortalOptions_Defaults_InlineIoOff_BlockPoolOn_NoThreadHeader()
    {
        var options = new PortalOptions();

        Assert.Equal((false, true, false), (options.InlineIo, options.BlockPool, options.ThreadHeader));
    }
}
