# WorkflowStudio: one image, the `studio` executable. Build: docker build -t workflowstudio .
# Run:   docker run -p 8080:8080 -v studio-data:/data workflowstudio
# See docs/deploy.md.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so source edits do not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY WorkflowStudio.Engine/WorkflowStudio.Engine.csproj WorkflowStudio.Engine/
COPY WorkflowStudio.Tools/WorkflowStudio.Tools.csproj WorkflowStudio.Tools/
COPY WorkflowStudio.Web/WorkflowStudio.Web.csproj WorkflowStudio.Web/
# One platform, the image's (linux-x64 or linux-arm64): the embedding model's ONNX Runtime otherwise ships native
# libraries for every platform (638 MB published instead of 186 MB; docs/embeddings.md).
ARG TARGETARCH
RUN dotnet restore WorkflowStudio.Web/WorkflowStudio.Web.csproj -r "linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)"
# Everything .dockerignore lets through: the Engine, Tools and Web sources, wwwroot/, migrations/.
COPY . .
RUN dotnet publish WorkflowStudio.Web/WorkflowStudio.Web.csproj -c Release -r "linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" \
        --self-contained false -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
RUN mkdir /data && chown "$APP_UID" /data
COPY --from=build /app ./
# The image's non-root user ("app"); its data lives in the /data volume.
USER $APP_UID
ENV Studio__DataDir=/data \
    DOTNET_NOLOGO=1
VOLUME /data
EXPOSE 8080
# No curl in the runtime image: bash's /dev/tcp asks /health and expects "200" on the status line.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "studio.dll"]
CMD ["serve", "--urls", "http://0.0.0.0:8080"]
