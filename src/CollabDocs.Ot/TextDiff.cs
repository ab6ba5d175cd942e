namespace CollabDocs.Ot;

/// <summary>
/// Turns an old and a new text into the smallest <see cref="TextOperation"/> between them (fewest
/// characters, that is code points, inserted plus deleted): the common prefix and suffix are retained, and the middle is
/// diffed with Myers' O((N+M)·D) algorithm in its linear-space form (middle snake, divide and conquer,
/// as in diff-match-patch). Typing-sized changes cost about the length of the texts. The middle is
/// compared by code point, so no component ever splits a surrogate pair.
/// </summary>
public static class TextDiff
{
    /// <summary>
    /// Work (diagonal steps) after which the rest of a middle is replaced whole instead of diffed
    /// further: the result is then still correct, but no longer the smallest.
    /// </summary>
    public const long DefaultMaxWork = 50_000_000;

    /// <summary>The operation that turns <paramref name="oldText"/> into <paramref name="newText"/>.</summary>
    public static TextOperation Compute(string oldText, string newText, long maxWork = DefaultMaxWork)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        int prefix = oldText.AsSpan().CommonPrefixLength(newText);
        if (prefix > 0 && char.IsHighSurrogate(oldText[prefix - 1]))
        {
            prefix--;
        }

        int suffix = CommonSuffixLength(oldText.AsSpan(prefix), newText.AsSpan(prefix));
        if (suffix > 0 && char.IsLowSurrogate(oldText[^suffix]))
        {
            suffix--;
        }

        var builder = new TextOperationBuilder();
        builder.Retain(prefix);
        string removed = oldText[prefix..^suffix];
        string added = newText[prefix..^suffix];
        if (removed.Length == 0 || added.Length == 0)
        {
            builder.Delete(removed.Length).Insert(added);
        }
        else
        {
            new Myers(removed, added, maxWork, builder).Run();
        }

        return builder.Retain(suffix).Build();
    }

    private static int CommonSuffixLength(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int n = Math.Min(a.Length, b.Length);
        int same = 0;
        while (same < n && a[a.Length - 1 - same] == b[b.Length - 1 - same])
        {
            same++;
        }

        return same;
    }

    private sealed class Myers
    {
        private readonly int[] _a;
        private readonly int[] _b;
        private readonly string _new;
        private readonly int[] _aOffset;
        private readonly int[] _bOffset;
        private readonly TextOperationBuilder _builder;
        private long _work;

        public Myers(string oldText, string newText, long maxWork, TextOperationBuilder builder)
        {
            _new = newText;
            (_a, _aOffset) = CodePoints(oldText);
            (_b, _bOffset) = CodePoints(newText);
            _work = maxWork;
            _builder = builder;
        }

        public void Run() => Diff(0, _a.Length, 0, _b.Length);

        /// <summary>Emits the edit of a[aStart..aEnd) into b[bStart..bEnd), in text order.</summary>
        private void Diff(int aStart, int aEnd, int bStart, int bEnd)
        {
            int same = 0;
            while (aStart + same < aEnd && bStart + same < bEnd && _a[aStart + same] == _b[bStart + same])
            {
                same++;
            }

            Retain(aStart, aStart + same);
            aStart += same;
            bStart += same;
            int tail = 0;
            while (aEnd - tail > aStart && bEnd - tail > bStart && _a[aEnd - tail - 1] == _b[bEnd - tail - 1])
            {
                tail++;
            }

            aEnd -= tail;
            bEnd -= tail;
            if (aStart == aEnd || bStart == bEnd || !TryBisect(aStart, aEnd, bStart, bEnd, out int x, out int y))
            {
                Replace(aStart, aEnd, bStart, bEnd);
            }
            else
            {
                Diff(aStart, x, bStart, y);
                Diff(x, aEnd, y, bEnd);
            }

            Retain(aEnd, aEnd + tail);
        }

        /// <summary>Finds a point (x, y) on a shortest edit path through the middle snake.</summary>
        private bool TryBisect(int aStart, int aEnd, int bStart, int bEnd, out int x, out int y)
        {
            int n = aEnd - aStart;
            int m = bEnd - bStart;
            int maxD = (n + m + 1) / 2;
            int offset = maxD + 1;
            int size = (2 * maxD) + 3;
            var forward = new int[size];
            var backward = new int[size];
            Array.Fill(forward, -1);
            Array.Fill(backward, -1);
            forward[offset + 1] = 0;
            backward[offset + 1] = 0;
            int delta = n - m;
            bool odd = (delta & 1) != 0;
            int k1Start = 0, k1End = 0, k2Start = 0, k2End = 0;
            for (int d = 0; d < maxD; d++)
            {
                if (_work <= 0)
                {
                    break;
                }

                for (int k1 = -d + k1Start; k1 <= d - k1End; k1 += 2)
                {
                    int i = offset + k1;
                    int x1 = k1 == -d || (k1 != d && forward[i - 1] < forward[i + 1]) ? forward[i + 1] : forward[i - 1] + 1;
                    int y1 = x1 - k1;
                    int snakeStart = x1;
                    while (x1 < n && y1 < m && _a[aStart + x1] == _b[bStart + y1])
                    {
                        x1++;
                        y1++;
                    }

                    _work -= 1 + x1 - snakeStart;
                    forward[i] = x1;
                    if (x1 > n)
                    {
                        k1End += 2;
                    }
                    else if (y1 > m)
                    {
                        k1Start += 2;
                    }
                    else if (odd)
                    {
                        int j = offset + delta - k1;
                        if (j >= 0 && j < size && backward[j] != -1 && x1 >= n - backward[j])
                        {
                            (x, y) = (aStart + x1, bStart + y1);
                            return true;
                        }
                    }
                }

                for (int k2 = -d + k2Start; k2 <= d - k2End; k2 += 2)
                {
                    int i = offset + k2;
                    int x2 = k2 == -d || (k2 != d && backward[i - 1] < backward[i + 1]) ? backward[i + 1] : backward[i - 1] + 1;
                    int y2 = x2 - k2;
                    int snakeStart = x2;
                    while (x2 < n && y2 < m && _a[aEnd - x2 - 1] == _b[bEnd - y2 - 1])
                    {
                        x2++;
                        y2++;
                    }

                    _work -= 1 + x2 - snakeStart;
                    backward[i] = x2;
                    if (x2 > n)
                    {
                        k2End += 2;
                    }
                    else if (y2 > m)
                    {
                        k2Start += 2;
                    }
                    else if (!odd)
                    {
                        int j = offset + delta - k2;
                        if (j >= 0 && j < size && forward[j] != -1)
                        {
                            int x1 = forward[j];
                            int y1 = x1 - (j - offset);
                            if (x1 >= n - x2)
                            {
                                (x, y) = (aStart + x1, bStart + y1);
                                return true;
                            }
                        }
                    }
                }
            }

            x = y = 0;
            return false;
        }

        private void Retain(int from, int to)
        {
            if (to > from)
            {
                _builder.Retain(_aOffset[to] - _aOffset[from]);
            }
        }

        private void Replace(int aStart, int aEnd, int bStart, int bEnd)
        {
            _builder.Delete(_aOffset[aEnd] - _aOffset[aStart]);
            if (bEnd > bStart)
            {
                _builder.Insert(_new[_bOffset[bStart].._bOffset[bEnd]]);
            }
        }

        /// <summary>The code points of <paramref name="text"/> and the UTF-16 offset where each starts (plus the end).</summary>
        private static (int[] Points, int[] Offsets) CodePoints(string text)
        {
            var points = new List<int>(text.Length);
            var offsets = new List<int>(text.Length + 1);
            for (int i = 0; i < text.Length; i++)
            {
                offsets.Add(i);
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    points.Add(char.ConvertToUtf32(text[i], text[i + 1]));
                    i++;
                }
                else
                {
                    points.Add(text[i]);
                }
            }

            offsets.Add(text.Length);
            return ([.. points], [.. offsets]);
        }
    }
}
