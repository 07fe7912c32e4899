# appliance-sandbox in a container: one statically linked binary on an empty image.
#
#   docker build -t appliance-sandbox .
#   docker run --rm -p 8080:8080 appliance-sandbox
#   docker run --rm -p 8443:8443 -e SANDBOX_LISTEN=0.0.0.0:8443 -e SANDBOX_TLS=1 appliance-sandbox
#
# The container listens on 0.0.0.0, so anyone who reaches the port reaches the control API
# (reset, journal, faults): on a shared host give it a token, then send it as a bearer token:
#   docker run --rm -p 8080:8080 -e SANDBOX_CONTROL_TOKEN=change-me appliance-sandbox
#   curl -H 'Authorization: Bearer change-me' http://127.0.0.1:8080/sandbox/v1/journal
#
# Flags are environment variables (SANDBOX_CONFIG, SANDBOX_DB, SANDBOX_NO_RATE_LIMITS=1, ...;
# booleans take 1/0, true/false, yes/no; see `appliance-sandbox --help`); mount a configuration
# or a database directory to use them.

ARG VERSION=0.1.0

# What every image of the sandbox is: one static binary on an empty image, not root (the
# distroless "nonroot" user), a health check that needs no curl.
FROM scratch AS runtime
ARG VERSION
LABEL org.opencontainers.image.title="appliance-sandbox" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0"
USER 65532:65532
ENV SANDBOX_LISTEN=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=5s --retries=3 \
    CMD ["/appliance-sandbox", "--health-check"]
ENTRYPOINT ["/appliance-sandbox"]

# An image from a binary built elsewhere (CI's static build; no base image to pull):
#   docker build --target prebuilt -f Dockerfile <a directory holding appliance-sandbox>
# The pattern also matches nothing harmlessly, so that builders that build every stage still
# build this one from the repository.
FROM runtime AS prebuilt
COPY Dockerfil[e] appliance-sandbo[x] /

# The Rust version is the workspace's rust-version, which covers every locked crate
# (xtask/tests/it/toolchain.rs keeps the three in step).
FROM rust:1.89-bookworm AS build
WORKDIR /src
COPY . .
# glibc, linked statically (crt-static): the binary needs no libc in the final image. The
# target is the build machine's own (amd64 or arm64).
ENV RUSTFLAGS="-C target-feature=+crt-static"
RUN target="$(uname -m)-unknown-linux-gnu" \
    && cargo build --release --locked -p appliance-sandbox --features jemalloc --target "$target" \
    && cp "target/$target/release/appliance-sandbox" /appliance-sandbox

# The default: built from source.
FROM runtime
COPY --from=build /appliance-sandbox /appliance-sandbox
