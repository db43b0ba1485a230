# syntax=docker/dockerfile:1
# dangboctl, the command-line client for administrators and reporting jobs: built on Debian 12
# with the distribution's -dev packages, run on debian:12-slim with only the shared libraries
# it links, as a non-root user.
#
#   docker build -f deploy/docker/dangboctl.Dockerfile -t dangbo/dangboctl:0.1.0 .
#
# Without a Docker engine, deploy/scripts/build-images makes the same runtime image with
# buildah from a binary built on the host.

FROM debian:12 AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      g++ cmake ninja-build pkg-config \
      libgrpc++-dev protobuf-compiler protobuf-compiler-grpc libprotobuf-dev libabsl-dev \
      libmysqlcppconn-dev prometheus-cpp-dev libcpp-jwt-dev libicu-dev nlohmann-json3-dev \
      libssl-dev libgtest-dev libgmock-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -G Ninja -S . -B /build -DCMAKE_BUILD_TYPE=Release \
 && cmake --build /build --target dangboctl \
 && strip /build/tools/dangboctl/dangboctl

FROM debian:12-slim
# The packages of the libraries `ldd dangboctl` names (tests/deploy checks the list against the
# binary). Debian slim's /bin/sh and date stay: the report CronJob runs dangboctl through
# deploy/k8s/base/report/write-report.sh, which names each report by its day.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates libc6 libgcc-s1 libstdc++6 zlib1g libssl3 \
      libabsl20220623 libc-ares2 libre2-9 libprotobuf32 libgrpc29 libgrpc++1.51 libicu72 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 65532 dangbo \
 && useradd --system --uid 65532 --gid 65532 --home-dir /home/dangbo --create-home \
      --shell /usr/sbin/nologin dangbo
COPY --from=build /build/tools/dangboctl/dangboctl /usr/local/bin/dangboctl
USER 65532:65532
WORKDIR /home/dangbo
ENTRYPOINT ["/usr/local/bin/dangboctl"]
