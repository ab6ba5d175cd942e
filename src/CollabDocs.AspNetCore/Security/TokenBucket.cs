namespace CollabDocs.Server.Security;

/// <summary>
/// A token bucket on <see cref="TimeProvider"/> timestamps: starts full with <see cref="RateLimit.Burst"/>
/// tokens, refills at <see cref="RateLimit.PermitsPerSecond"/>; each permitted call takes one token.
/// </summary>
internal sealed class TokenBucket
{
    private readonly Lock _lock = new();
    private readonly double _rate;
    private readonly double _capacity;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _updated;

    public TokenBucket(RateLimit limit, TimeProvider time)
    {
        _rate = Math.Max(limit.PermitsPerSecond, 0);
        _capacity = Math.Max(limit.Burst, 1);
        _time = time;
        _tokens = _capacity;
        _updated = time.GetTimestamp();
    }

    /// <summary>Takes a token; false (and how long until one is available) when the bucket is empty.</summary>
    public bool TryTake(out TimeSpan retryAfter)
    {
        lock (_lock)
        {
            Refill();
            if (_tokens >= 1)
            {
                _tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = _rate > 0 ? TimeSpan.FromSeconds((1 - _tokens) / _rate) : TimeSpan.MaxValue;
            return false;
        }
    }

    /// <summary>
    /// Takes <paramref name="cost"/> tokens for a weighted call (a byte or work budget). A call costing more than the
    /// whole bucket is allowed once the bucket is full, leaving it in debt, so the burst bounds the wait, not the size.
    /// </summary>
    public bool TryTake(double cost, out TimeSpan retryAfter)
    {
        lock (_lock)
        {
            Refill();
            double needed = Math.Min(cost, _capacity);
            if (_tokens >= needed)
            {
                _tokens -= cost;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = _rate > 0 ? TimeSpan.FromSeconds((needed - _tokens) / _rate) : TimeSpan.MaxValue;
            return false;
        }
    }

    /// <summary>True when the bucket is not empty; otherwise how long until it is (for <see cref="Charge"/>d budgets).</summary>
    public bool HasTokens(out TimeSpan retryAfter)
    {
        lock (_lock)
        {
            Refill();
            retryAfter = _tokens > 0 ? TimeSpan.Zero : _rate > 0 ? TimeSpan.FromSeconds((1 - _tokens) / _rate) : TimeSpan.MaxValue;
            return _tokens > 0;
        }
    }

    /// <summary>Takes <paramref name="cost"/> tokens after the fact (bytes already read), even into debt.</summary>
    public void Charge(double cost)
    {
        lock (_lock)
        {
            Refill();
            _tokens -= cost;
        }
    }

    /// <summary>Gives back a token taken by a call that another limit then refused.</summary>
    public void Return() => Return(1);

    /// <summary>Gives back <paramref name="cost"/> tokens taken by a call that another limit then refused.</summary>
    public void Return(double cost)
    {
        lock (_lock)
        {
            _tokens = Math.Min(_capacity, _tokens + cost);
        }
    }

    /// <summary>True when the bucket has refilled completely (it can be forgotten without changing behaviour).</summary>
    public bool IsFull
    {
        get
        {
            lock (_lock)
            {
                Refill();
                return _tokens >= _capacity;
            }
        }
    }

    private void Refill()
    {
        long now = _time.GetTimestamp();
        double seconds = _time.GetElapsedTime(_updated, now).TotalSeconds;
        if (seconds > 0)
        {
            _tokens = Math.Min(_capacity, _tokens + (seconds * _rate));
            _updated = now;
        }
    }
}
