namespace CollabDocs.Ot.Authorship;

// The runs as an implicit treap: nodes in parallel arrays (index 0 is the empty tree), ordered by
// position, each holding its run's length and the sum of its subtree's lengths.
public sealed partial class AuthorshipMap
{
    private int[] _left = new int[16];
    private int[] _right = new int[16];
    private int[] _length = new int[16];
    private int[] _sum = new int[16];
    private int[] _revisionOf = new int[16];
    private uint[] _priority = new uint[16];
    private readonly Stack<int> _free = new();
    private int _used = 1;
    private int _count;
    private int _root;
    private uint _random = 0x9E3779B9;

    private int SumOf(int node) => _sum[node];

    private void InsertRun(int position, int length, int revision)
    {
        Split(_root, position, out int before, out int after);
        int last = Rightmost(before);
        int first = Leftmost(after);
        if (last != 0 && _revisionOf[last] == revision)
        {
            GrowRightSpine(before, length);
        }
        else if (first != 0 && _revisionOf[first] == revision)
        {
            GrowLeftSpine(after, length);
        }
        else
        {
            before = Merge(before, NewNode(length, revision));
        }

        _root = Merge(before, after);
    }

    private void DeleteRange(int position, int length)
    {
        Split(_root, position, out int before, out int rest);
        Split(rest, length, out int removed, out int after);
        Free(removed);

        // What the delete brings together may be one revision again (a run an insert had split).
        int last = Rightmost(before);
        int first = Leftmost(after);
        if (last != 0 && first != 0 && _revisionOf[last] == _revisionOf[first])
        {
            int joined = _length[first];
            Split(after, joined, out int firstNode, out after);
            Free(firstNode);
            GrowRightSpine(before, joined);
        }

        _root = Merge(before, after);
    }

    /// <summary>Splits <paramref name="tree"/> into its first <paramref name="count"/> characters and the rest, cutting a run if needed.</summary>
    private void Split(int tree, int count, out int first, out int rest)
    {
        if (tree == 0)
        {
            first = rest = 0;
            return;
        }

        int leftSum = _sum[_left[tree]];
        if (count <= leftSum)
        {
            Split(_left[tree], count, out first, out int leftRest);
            _left[tree] = leftRest;
            Update(tree);
            rest = tree;
        }
        else if (count >= leftSum + _length[tree])
        {
            Split(_right[tree], count - leftSum - _length[tree], out int rightFirst, out rest);
            _right[tree] = rightFirst;
            Update(tree);
            first = tree;
        }
        else
        {
            int cut = count - leftSum;
            int tail = NewNode(_length[tree] - cut, _revisionOf[tree]);
            _length[tree] = cut;
            int right = _right[tree];
            _right[tree] = 0;
            Update(tree);
            first = tree;
            rest = Merge(tail, right);
        }
    }

    private int Merge(int a, int b)
    {
        if (a == 0)
        {
            return b;
        }

        if (b == 0)
        {
            return a;
        }

        if (_priority[a] > _priority[b])
        {
            _right[a] = Merge(_right[a], b);
            Update(a);
            return a;
        }

        _left[b] = Merge(a, _left[b]);
        Update(b);
        return b;
    }

    private void Update(int node) => _sum[node] = _sum[_left[node]] + _length[node] + _sum[_right[node]];

    private int Leftmost(int tree)
    {
        while (tree != 0 && _left[tree] != 0)
        {
            tree = _left[tree];
        }

        return tree;
    }

    private int Rightmost(int tree)
    {
        while (tree != 0 && _right[tree] != 0)
        {
            tree = _right[tree];
        }

        return tree;
    }

    private void GrowRightSpine(int tree, int length)
    {
        for (int node = tree; node != 0; node = _right[node])
        {
            _sum[node] += length;
            if (_right[node] == 0)
            {
                _length[node] += length;
            }
        }
    }

    private void GrowLeftSpine(int tree, int length)
    {
        for (int node = tree; node != 0; node = _left[node])
        {
            _sum[node] += length;
            if (_left[node] == 0)
            {
                _length[node] += length;
            }
        }
    }

    private void EnsureNodes(int count)
    {
        int size = _used + count;
        if (size > _left.Length)
        {
            Array.Resize(ref _left, size);
            Array.Resize(ref _right, size);
            Array.Resize(ref _length, size);
            Array.Resize(ref _sum, size);
            Array.Resize(ref _revisionOf, size);
            Array.Resize(ref _priority, size);
        }
    }

    private int NewNode(int length, int revision)
    {
        int node;
        if (_free.Count > 0)
        {
            node = _free.Pop();
        }
        else
        {
            if (_used == _left.Length)
            {
                EnsureNodes(_used);
            }

            node = _used++;
        }

        // xorshift32: a fixed sequence, so the same edits build the same tree.
        _random ^= _random << 13;
        _random ^= _random >> 17;
        _random ^= _random << 5;
        _left[node] = _right[node] = 0;
        _length[node] = _sum[node] = length;
        _revisionOf[node] = revision;
        _priority[node] = _random;
        _count++;
        return node;
    }

    private void Free(int tree)
    {
        if (tree == 0)
        {
            return;
        }

        var pending = new Stack<int>();
        pending.Push(tree);
        while (pending.Count > 0)
        {
            int node = pending.Pop();
            if (_left[node] != 0)
            {
                pending.Push(_left[node]);
            }

            if (_right[node] != 0)
            {
                pending.Push(_right[node]);
            }

            _free.Push(node);
            _count--;
        }
    }

    /// <summary>The runs in text order, as two columns.</summary>
    private (int[] Lengths, int[] Revisions) Runs()
    {
        int[] lengths = GC.AllocateUninitializedArray<int>(_count);
        int[] revisions = GC.AllocateUninitializedArray<int>(_count);
        var pending = new int[64];
        int depth = 0;
        int node = _root;
        int next = 0;
        while (node != 0 || depth > 0)
        {
            while (node != 0)
            {
                if (depth == pending.Length)
                {
                    Array.Resize(ref pending, depth * 2);
                }

                pending[depth++] = node;
                node = _left[node];
            }

            node = pending[--depth];
            lengths[next] = _length[node];
            revisions[next++] = _revisionOf[node];
            node = _right[node];
        }

        return (lengths, revisions);
    }

    /// <summary>
    /// Builds the tree of an empty map from runs in text order in linear time: the treap that appending them one by
    /// one would build (same nodes, same priorities), without a descent per run. Adjacent runs of one revision join.
    /// </summary>
    private void BuildRuns(ReadOnlySpan<int> lengths, ReadOnlySpan<int> revisions)
    {
        // The right spine of the tree so far, root first: a new node rises above the spine's nodes of lower priority.
        var spine = new int[64];
        int depth = 0;
        int last = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            if (last != 0 && _revisionOf[last] == revisions[i])
            {
                _length[last] += lengths[i]; // Its sum is computed once it leaves the spine.
                continue;
            }

            int node = NewNode(lengths[i], revisions[i]);
            int below = 0;
            while (depth > 0 && _priority[spine[depth - 1]] <= _priority[node])
            {
                below = spine[--depth];
                Update(below);
            }

            _left[node] = below;
            if (depth > 0)
            {
                _right[spine[depth - 1]] = node;
            }

            if (depth == spine.Length)
            {
                Array.Resize(ref spine, depth * 2);
            }

            spine[depth++] = node;
            last = node;
        }

        while (depth > 1)
        {
            Update(spine[--depth]);
        }

        if (depth == 1)
        {
            Update(spine[0]);
            _root = spine[0];
        }
    }
}
