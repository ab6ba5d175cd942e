# syntax=docker/dockerfile:1
# The CollabDocs server image: the browser demo built with Node, the server published with the .NET SDK,
# run by the ASP.NET Core runtime as a non-root user with its data in the /data volume.
#   docker build -t collabdocs-server .
#   docker run -p 8080:8080 -v collabdocs-data:/data -e CollabDocs__Auth__Mode=Anonymous collabdocs-server
# deploy/docker-compose.yml runs two of them behind nginx with PostgreSQL and Redis (docs/cluster.md); in cluster mode
# each also listens for its Orleans silo on 11111 (CollabDocs__Cluster__SiloPort), on the internal network only.

# 1. The demo editor (web-demo/) → static files, on the client package (src/collabdocs-client) built first.
FROM node:20-bookworm-slim AS web
WORKDIR /src
COPY src/collabdocs-client/package.json src/collabdocs-client/package-lock.json src/collabdocs-client/
RUN cd src/collabdocs-client && npm ci --no-audit --no-fund --loglevel=error
COPY web-demo/package.json web-demo/package-lock.json web-demo/
RUN cd web-demo && npm ci --no-audit --no-fund --loglevel=error
COPY src/collabdocs-client/ src/collabdocs-client/
RUN cd src/collabdocs-client && npm run build
COPY web-demo/ web-demo/
RUN cd web-demo && npm run build -- --outDir /web-dist --emptyOutDir

# 2. The server, published with the demo in wwwroot (SkipWebDemo: Node is not in this stage, the files are).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY web-demo/WebDemo.targets web-demo/
COPY src/ src/
RUN dotnet restore src/CollabDocs.Server/CollabDocs.Server.csproj
COPY --from=web /web-dist/ src/CollabDocs.Server/wwwroot/
RUN dotnet publish src/CollabDocs.Server/CollabDocs.Server.csproj -c Release -o /app --no-restore -p:SkipWebDemo=true

# 3. The runtime: ASP.NET Core only, as the image's unprivileged "app" user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# curl for the container health check (deploy/docker-compose.yml probes /health/ready).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data && chown app:app /data
USER app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    CollabDocs__Storage__DataDirectory=/data \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
VOLUME /data
EXPOSE 8080 11111
ENTRYPOINT ["dotnet", "CollabDocs.Server.dll"]
