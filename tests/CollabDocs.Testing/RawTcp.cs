using System.Net.Sockets;
using System.Text;
using Xunit;

namespace CollabDocs.Testing;

/// <summary>
/// HTTP/1.1 written by hand on a plain TCP connection to a server on real sockets, for tests about what Kestrel does
/// with a connection (limits, timeouts) that an HTTP client would hide. Every request is <c>GET /health/live</c>.
/// </summary>
public static class RawTcp
{
    /// <summary>A TCP connection to <paramref name="baseAddress"/> that has sent nothing yet.</summary>
    public static async Task<TcpClient> ConnectAsync(Uri baseAddress)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(baseAddress.Host, baseAddress.Port).DefaultTimeout();
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>A connection that has been served one request (200) and is kept alive.</summary>
    public static async Task<TcpClient> OpenServedAsync(Uri baseAddress)
    {
        var client = await ConnectAsync(baseAddress).DefaultTimeout();
        string answer = await RequestAsync(client, baseAddress).DefaultTimeout();
        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
        return client;
    }

    /// <summary>
    /// Sends a whole request and returns the response, headers and body (by <c>Content-Length</c> or to the last chunk),
    /// or what arrived until the server closed or reset. Reading the body too leaves nothing of this response on a
    /// kept-alive connection: a body's last chunk arriving in a later segment was once read as data by a test that
    /// expected the server's close.
    /// </summary>
    public static async Task<string> RequestAsync(TcpClient client, Uri baseAddress)
    {
        var stream = client.GetStream();
        var received = new StringBuilder();
        try
        {
            await SendAsync(client, baseAddress, finishHeaders: true).DefaultTimeout();
            var buffer = new byte[4096];
            int read;
            while (!IsWholeResponse(received.ToString()) && (read = await stream.ReadAsync(buffer).DefaultTimeout()) > 0)
            {
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (IOException)
        {
            // Reset by the server: nothing more arrives.
        }

        return received.ToString();
    }

    private static bool IsWholeResponse(string received)
    {
        int end = received.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        string headers = received[..end], body = received[(end + 4)..];
        if (headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            return body == "0\r\n\r\n" || body.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal);
        }

        const string LengthHeader = "\r\nContent-Length:";
        int at = headers.IndexOf(LengthHeader, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return true;
        }

        int lineEnd = headers.IndexOf("\r\n", at + LengthHeader.Length, StringComparison.Ordinal);
        string value = headers[(at + LengthHeader.Length)..(lineEnd < 0 ? headers.Length : lineEnd)];
        return body.Length >= int.Parse(value.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Sends the request line and the Host header; with <paramref name="finishHeaders"/> false the blank line that
    /// ends the headers never comes.
    /// </summary>
    public static async Task SendAsync(TcpClient client, Uri baseAddress, bool finishHeaders)
    {
        string request = $"GET /health/live HTTP/1.1\r\nHost: {baseAddress.Authority}\r\n" + (finishHeaders ? "\r\n" : string.Empty);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(request)).DefaultTimeout();
    }

    /// <summary>Reads until the server closes the connection (end of stream) and returns all that arrived; a reset throws.</summary>
    public static async Task<string> ReadUntilClosedAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var received = new StringBuilder();
        var buffer = new byte[1024];
        int read;
        while ((read = await stream.ReadAsync(buffer).DefaultTimeout()) > 0)
        {
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return received.ToString();
    }
}
