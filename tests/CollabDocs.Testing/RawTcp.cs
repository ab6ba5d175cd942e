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

    /// <summary>Sends a whole request and returns what arrives until the end of the headers, or until the server closes or resets.</summary>
    public static async Task<string> RequestAsync(TcpClient client, Uri baseAddress)
    {
        var stream = client.GetStream();
        var received = new StringBuilder();
        try
        {
            await SendAsync(client, baseAddress, finishHeaders: true).DefaultTimeout();
            var buffer = new byte[4096];
            int read;
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && (read = await stream.ReadAsync(buffer).DefaultTimeout()) > 0)
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
