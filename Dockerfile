# The sandbox image. GENERATED from the language recipes in src/languages by
# `npm run dockerfile:print`: edit the recipes, not this file.
#
# The server builds it through dockerode (`npm run image:build`, or `npm start` when it is missing),
# from a context assembled by src/services/images/assembly/image-context.ts:
#   vendor/node-N.tgz, vendor/npm.tgz  the official Node.js binaries and npm, from the npm registry
#   vendor/dotnet/                   a .NET SDK folder (the machine's own, so nothing is downloaded)
#   vendor/dotnet-N/                 another .NET runtime and reference pack, unpacked from NuGet
#   certs/                           extra CA certificates the image must trust (may be empty)
#   image/                           the in-image runner scripts (this repository's image/ folder)
#   languages/ID/                    each language plugin's in-image files (its image/ folder)
# BASE_IMAGE is an official Debian image online, or a local one made by mmdebstrap offline.

ARG BASE_IMAGE=debian:bookworm-slim

# Unpacks npm in a throwaway stage, so its tarball never becomes a layer of the image.
FROM $BASE_IMAGE AS npm
COPY vendor/npm.tgz /tmp/vendor/
RUN mkdir -p /opt/node/bin /opt/node/lib/node_modules/npm \
 && tar -xzf /tmp/vendor/npm.tgz -C /opt/node/lib/node_modules/npm --strip-components=1 \
 && ln -s ../lib/node_modules/npm/bin/npm-cli.js /opt/node/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /opt/node/bin/npx

# Unpacks Node.js 22 in a throwaway stage, so its tarball never becomes a layer of the image.
FROM $BASE_IMAGE AS node-22
COPY vendor/node-22.tgz /tmp/vendor/
RUN mkdir -p /opt/node/22 && tar -xzf /tmp/vendor/node-22.tgz -C /opt/node/22 --strip-components=1 package/bin/node

# Unpacks Node.js 24 in a throwaway stage, so its tarball never becomes a layer of the image.
FROM $BASE_IMAGE AS node-24
COPY vendor/node-24.tgz /tmp/vendor/
RUN mkdir -p /opt/node/24 && tar -xzf /tmp/vendor/node-24.tgz -C /opt/node/24 --strip-components=1 package/bin/node

FROM $BASE_IMAGE

ENV DEBIAN_FRONTEND=noninteractive \
    LANG=C.UTF-8 \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt

# Extra CA certificates first, so that every HTTPS client below (apt, pip, npm, dotnet) trusts them.
COPY certs/ /usr/local/share/ca-certificates/extra/

RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates bash tar coreutils procps \
 && rm -rf /var/lib/apt/lists/* \
 && update-ca-certificates

# Python: a virtual environment owned by root, first on PATH, so pip installs need no
# --break-system-packages and land where python3 looks.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-pip python3-venv \
 && rm -rf /var/lib/apt/lists/*

RUN python3 -m venv /opt/venv

ENV PATH=/opt/venv/bin:$PATH \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_WARN_SCRIPT_LOCATION=1

# Node.js: npm, and each version's official binary in /opt/node/VERSION (below). Installed
# packages live in /opt/npm-packages, reached through /node_modules, where both require() and
# import look from /workspace.
COPY --from=npm /opt/node /opt/node

RUN mkdir -p /opt/npm-packages/node_modules && ln -s /opt/npm-packages/node_modules /node_modules

ENV PATH=/opt/node/bin:$PATH \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt

# Node.js 22.
COPY --from=node-22 /opt/node/22 /opt/node/22

# Node.js 24.
COPY --from=node-24 /opt/node/24 /opt/node/24

# Plain `node` (and npm, which runs on it) is Node.js 24.
RUN ln -s ../24/bin/node /opt/node/bin/node

# .NET: the SDK folder as it is (no download); C# files are compiled with its own Roslyn
# (see image/bin/sandbox-csharp).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libicu72 libssl3 zlib1g libgcc-s1 libstdc++6 \
 && rm -rf /var/lib/apt/lists/*

COPY vendor/dotnet /usr/share/dotnet

ENV PATH=/usr/share/dotnet:$PATH \
    DOTNET_ROOT=/usr/share/dotnet \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
    DOTNET_GENERATE_ASPNET_CERTIFICATE=false \
    DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1 \
    NUGET_CERT_REVOCATION_MODE=offline

# .NET 8: its runtime and reference pack, beside the SDK's own.
COPY vendor/dotnet-8/ /usr/share/dotnet/

# Ruby: Debian's package; gems install into its default gem folder (see install-gem).
RUN apt-get update \
 && apt-get install -y --no-install-recommends ruby \
 && rm -rf /var/lib/apt/lists/*

# The non-root user every execution runs as, and its working directory.
RUN groupadd --gid 10001 sandbox \
 && useradd --uid 10001 --gid 10001 --home-dir /home/sandbox --create-home --shell /bin/bash sandbox \
 && mkdir -p /workspace && chown sandbox:sandbox /workspace

# The runners that executions and package installs start, and the language plugins' own files:
# their bin/ goes on PATH and their setup runs once (late, so changing them rebuilds little).
COPY image/ /opt/sandbox/

COPY languages/ /opt/sandbox/languages/

RUN chmod -R a+rX /opt/sandbox && chmod 0755 /opt/sandbox/bin/* && ln -s /opt/sandbox/bin/* /usr/local/bin/ \
 && for folder in /opt/sandbox/languages/*; do \
      if [ -d "$folder/bin" ]; then chmod 0755 "$folder"/bin/* && ln -s "$folder"/bin/* /usr/local/bin/; fi; \
      if [ -f "$folder/setup" ]; then bash "$folder/setup"; fi; \
    done

USER sandbox

WORKDIR /workspace

ENV HOME=/home/sandbox

CMD ["bash"]
