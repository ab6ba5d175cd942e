using System.Data.Common;
using System.Reflection;
using CollabDocs.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Security.Tests.Infrastructure;

/// <summary>
/// Wraps the server's <see cref="IDocumentStore"/> (through a <see cref="DispatchProxy"/>) so that a test can take the
/// database away: while <see cref="IsDown"/>, every call fails as an unreachable database does (a <see cref="DbException"/>).
/// </summary>
public class StoreOutage : DispatchProxy
{
    private IDocumentStore _inner = null!;
    public bool IsDown { get; set; }

    /// <summary>Replaces the registered store with one that can be taken down; returns the switch.</summary>
    public static StoreOutage Install(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var descriptor = services.Last(d => d.ServiceType == typeof(IDocumentStore));
        services.Remove(descriptor);
        var outage = (StoreOutage)(object)Create<IDocumentStore, StoreOutage>();
        services.AddSingleton(provider =>
        {
            outage._inner = (IDocumentStore)(descriptor.ImplementationInstance
                ?? descriptor.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
            return (IDocumentStore)(object)outage;
        });
        return outage;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (!IsDown)
        {
            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
        }

        var failure = new UnreachableDatabaseException();
        var returnType = targetMethod.ReturnType;
        if (returnType == typeof(Task))
        {
            return Task.FromException(failure);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)])!
                .MakeGenericMethod(returnType.GetGenericArguments()[0]).Invoke(null, [failure]);
        }

        throw failure;
    }

    /// <summary>What a database driver throws when the server cannot be reached.</summary>
    private sealed class UnreachableDatabaseException() : DbException("database unreachable (injected)");
}
