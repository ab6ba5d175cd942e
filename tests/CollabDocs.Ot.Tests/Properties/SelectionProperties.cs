namespace CollabDocs.Ot.Tests.Properties;

public sealed class SelectionProperties
{
    [Fact]
    public void TransformedSelections_StayInBounds_AndNeverSplitAPair()
    {
        PropertyCheck.Run(nameof(TransformedSelections_StayInBounds_AndNeverSplitAPair), c =>
        {
            string text = c.Note("text", c.Generate.Text(12));
            var op = c.Note("op", c.Generate.Operation(text));
            var selection = c.Generate.Selection(text);
            c.Note("selection", string.Join(" ", selection.Ranges));

            var moved = selection.Transform(op);

            Assert.True(moved.FitsText(op.Apply(text)), $"moved to {string.Join(" ", moved.Ranges)}");
            Assert.Equal(selection.Ranges.Length, moved.Ranges.Length);
        });
    }

    [Fact]
    public void TransformIndex_IsMonotonic_AndKeepsTheCursorBeforeARetainedCharacter()
    {
        PropertyCheck.Run(nameof(TransformIndex_IsMonotonic_AndKeepsTheCursorBeforeARetainedCharacter), c =>
        {
            string text = c.Note("text", c.Generate.Text(12));
            var op = c.Note("op", c.Generate.Operation(text));
            string after = op.Apply(text);
            bool[] retained = RetainedMask(op, text.Length);

            int previous = 0;
            for (int index = 0; index <= text.Length; index++)
            {
                int moved = op.TransformIndex(index);
                Assert.True(moved >= previous, $"index {index} moved to {moved}, before {previous}");
                if (index < text.Length && retained[index])
                {
                    Assert.Equal(text[index], after[moved]);
                }

                previous = moved;
            }

            Assert.Equal(op.TargetLength, op.TransformIndex(text.Length));
        });
    }

    private static bool[] RetainedMask(TextOperation op, int length)
    {
        var retained = new bool[length];
        int position = 0;
        foreach (var component in op.Components)
        {
            if (component.IsInsert)
            {
                continue;
            }

            if (component.IsRetain)
            {
                Array.Fill(retained, true, position, component.Length);
            }

            position += component.Length;
        }

        return retained;
    }
}
