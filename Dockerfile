# Herald's portal in a container: 'herald serve' for a repository mounted read-only at /repo, with its
# index and caches in /data, on port 8080. Untested here: no container engine runs on the CI machines
# (test.sh builds and smoke-tests the image only where 'docker info' succeeds).
#
#   docker build -t herald .
#   docker run -d -p 8080:8080 -v /path/to/xen:/repo:ro -v herald-data:/data herald
#
# Any other verb runs in place of the portal: docker run --rm -v /path/to/xen:/repo:ro herald releases --repo /repo

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# The project files first, so that the restore layer is reused while only code changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig README.md LICENSE ./
COPY src/Herald/Herald.csproj src/Herald/
COPY src/Herald.Web/Herald.Web.csproj src/Herald.Web/
COPY src/Herald.Cli/Herald.Cli.csproj src/Herald.Cli/
RUN dotnet restore src/Herald.Cli/Herald.Cli.csproj
COPY src/ src/
RUN dotnet publish src/Herald.Cli/Herald.Cli.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# Herald reads history through the git command; curl serves the health check.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends git curl \
    && rm -rf /var/lib/apt/lists/*
# The mounted repository belongs to a host user, not to the container's user, and git refuses to read a
# repository owned by someone else ("detected dubious ownership") unless it is listed as safe. The
# container only ever reads what it is given, so every folder is safe here.
RUN git config --system --add safe.directory '*'
# /data is the portal's index, caches and published files; a mounted volume must be writable by APP_UID.
RUN mkdir -p /data && chown "$APP_UID:$APP_UID" /data
COPY --from=build /app /app
# The image's own non-root user (app, uid 1654).
USER $APP_UID
# Herald listens where --urls says; the base image's default port variable would only add a warning.
ENV ASPNETCORE_HTTP_PORTS=
EXPOSE 8080
VOLUME ["/data"]
# /healthz answers 503 until the first index is built, which takes minutes on a large history.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10m --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "/app/herald.dll"]
CMD ["serve", "--repo", "/repo", "--data", "/data", "--urls", "http://0.0.0.0:8080"]
