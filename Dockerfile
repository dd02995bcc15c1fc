# PRISM in one image: the `prism` server and the web app it serves.
#
#   docker build -t prism .
#   docker run -p 8080:8080 -v prism-data:/data prism
#
# The base images are build arguments so that a build with no registry at
# hand can pass local ones; script/container does that with podman.
ARG BUILD_IMAGE=debian:bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim
ARG NODE_IMAGE=node:20-bookworm-slim

# The web app. WEB_PREBUILT=1 takes web/dist from the build context as it is
# (for a caller that has just built it, as script/container does) instead of
# installing the dependencies and building it again here.
FROM ${NODE_IMAGE} AS web
ARG WEB_PREBUILT=0
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN [ "$WEB_PREBUILT" = 1 ] || npm ci --no-audit --no-fund
COPY web/ ./
RUN if [ "$WEB_PREBUILT" = 1 ]; then \
      test -f dist/index.html || { echo "WEB_PREBUILT=1 needs web/dist: run npm run build in web/" >&2; exit 1; }; \
    else \
      npm run build; \
    fi

# The server, built as script/server builds it (build/release under /src), so
# that with CCACHE_DIR pointing at a mounted host cache, ccache finds what the
# host's release builds and earlier image builds already compiled. Only the
# binary leaves this stage.
FROM ${BUILD_IMAGE} AS build
COPY container/install-packages container/build-packages.txt /tmp/container/
RUN sh /tmp/container/install-packages /tmp/container/build-packages.txt
WORKDIR /src
COPY CMakeLists.txt ./
COPY cmake/ cmake/
COPY bench/ bench/
COPY tests/ tests/
COPY src/ src/
ARG CCACHE_DIR=/tmp/ccache
RUN export CCACHE_DIR CCACHE_BASEDIR=/src LANG=C.UTF-8 \
 && cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null \
 && cmake --build build/release --target prism \
 && install -D -m 755 build/release/prism /out/prism \
 && rm -rf build

FROM ${RUNTIME_IMAGE}
COPY container/install-packages container/runtime-packages.txt /tmp/container/
RUN sh /tmp/container/install-packages /tmp/container/runtime-packages.txt \
 && rm -rf /tmp/container \
 && groupadd --system --gid 10001 prism \
 && useradd --system --uid 10001 --gid prism --home-dir /data --no-create-home \
      --shell /usr/sbin/nologin prism \
 && install -d -o prism -g prism -m 700 /data
COPY container/healthcheck /usr/local/bin/prism-healthcheck
COPY --from=build /out/prism /usr/local/bin/prism
COPY --from=web /src/web/dist /usr/share/prism/web
# PORT is the one a platform such as Render sets; the rest are defaults a
# `docker run -e` overrides (README.md, "Configuration").
ENV HOST=0.0.0.0 \
    PORT=8080 \
    DATABASE_URL=sqlite:/data/prism.db \
    DATA_DIR=/data \
    WEB_DIR=/usr/share/prism/web
VOLUME /data
WORKDIR /data
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["/usr/local/bin/prism-healthcheck"]
ENTRYPOINT ["/usr/local/bin/prism"]
CMD ["serve"]
