# The mast container image: the static binary (scripts/build-static.sh) on
# a distroless base, run as a non-root user. docs/install.md shows how to
# build and use it:
#   docker build --build-arg MAST_VERSION_COMMIT="$(git describe --tags --always --dirty)" -t mast .
#   docker run --rm -v "$PWD:/work" mast check deploy/
# scripts/release-check.sh container runs the same steps without a
# container runtime.

# ---- build: Debian bookworm, the same packages as scripts/setup.sh --------
FROM debian:bookworm AS build
WORKDIR /src
COPY scripts/setup.sh scripts/setup.sh
RUN scripts/setup.sh --build-only && rm -rf /var/lib/apt/lists/*
COPY . .
# .git is not copied (.dockerignore), so the commit comes as a build argument.
ARG MAST_VERSION_COMMIT=unknown
RUN MAST_VERSION_COMMIT="$MAST_VERSION_COMMIT" scripts/build-static.sh /out /tmp/build-static

# ---- final: nothing but the binary, CA certificates, /etc/passwd ---------
# distroless/static has no shell and no libc; the binary needs neither.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/mast /usr/local/bin/mast
# 65532 is distroless's `nonroot` user.
USER 65532:65532
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/mast"]
CMD ["--help"]
