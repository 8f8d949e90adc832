# The default sandbox image, mcp-executor-base: Python, Node.js, C# (.NET SDK) and Bash.
#
# Built by the server through dockerode (`npm run image:build`, or `npm start` when the image is
# missing). The build context is assembled by src/services/sandbox-image-context.ts:
#   vendor/node.tgz, vendor/npm.tgz  the official Node.js binary and npm, packed from the npm registry
#   vendor/dotnet/                   a .NET SDK folder (the machine's own, so nothing is downloaded)
#   certs/                           extra CA certificates the image must trust (may be empty)
#   image/                           the in-image runner scripts (this repository's image/ folder)
# BASE_IMAGE is an official Debian image online, or a local one made by mmdebstrap offline.
ARG BASE_IMAGE=debian:bookworm-slim

# Unpacks Node.js and npm in a throwaway stage, so the tarballs never become layers of the image.
FROM ${BASE_IMAGE} AS node
COPY vendor/node.tgz vendor/npm.tgz /tmp/vendor/
RUN mkdir -p /opt/node/bin /opt/node/lib/node_modules/npm \
 && tar -xzf /tmp/vendor/node.tgz -C /opt/node --strip-components=1 package/bin/node \
 && tar -xzf /tmp/vendor/npm.tgz -C /opt/node/lib/node_modules/npm --strip-components=1 \
 && ln -s ../lib/node_modules/npm/bin/npm-cli.js /opt/node/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /opt/node/bin/npx

FROM ${BASE_IMAGE}
ENV DEBIAN_FRONTEND=noninteractive \
    LANG=C.UTF-8 \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_WARN_SCRIPT_LOCATION=1 \
    DOTNET_ROOT=/usr/share/dotnet \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
    DOTNET_GENERATE_ASPNET_CERTIFICATE=false \
    DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1 \
    NUGET_CERT_REVOCATION_MODE=offline \
    PATH=/opt/venv/bin:/opt/node/bin:/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# Extra CA certificates first, so that every HTTPS client below (apt, pip, npm, dotnet) trusts them.
COPY certs/ /usr/local/share/ca-certificates/extra/
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      ca-certificates bash tar coreutils procps \
      python3 python3-pip python3-venv \
      libicu72 libssl3 zlib1g libgcc-s1 libstdc++6 \
 && update-ca-certificates \
 && rm -rf /var/lib/apt/lists/*

# Python: a virtual environment owned by root, so `pip install` needs no --break-system-packages.
RUN python3 -m venv /opt/venv

# Node.js: the official binary and npm from the stage above.
COPY --from=node /opt/node /opt/node

# .NET: the SDK folder as it is; C# files are compiled with its own Roslyn (see image/sandbox-csharp).
COPY vendor/dotnet /usr/share/dotnet

# The non-root user every execution runs as, and its working directory.
RUN groupadd --gid 10001 sandbox \
 && useradd --uid 10001 --gid 10001 --home-dir /home/sandbox --create-home --shell /bin/bash sandbox \
 && mkdir -p /workspace && chown sandbox:sandbox /workspace

# The runners that executions start (last, so changing them rebuilds only this layer).
COPY image/ /opt/sandbox/
RUN chmod 0755 /opt/sandbox/bin/* && ln -s /opt/sandbox/bin/* /usr/local/bin/ \
 && /opt/sandbox/bin/sandbox-csharp-setup

USER sandbox
WORKDIR /workspace
ENV HOME=/home/sandbox
CMD ["bash"]
