# syntax=docker/dockerfile:1
# dangbo-reporting: built on Debian 12 with the distribution's -dev packages (design.md §2),
# run on debian:12-slim with only the shared libraries it links, as a non-root user.
#
#   docker build -f deploy/docker/reporting.Dockerfile -t dangbo/reporting:0.1.0 .
#
# Without a Docker engine, deploy/scripts/build-images makes the same runtime image with
# buildah from a binary built on the host: same paths, user, entrypoint and ports.

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
 && cmake --build /build --target dangbo-reporting \
 && strip /build/services/reporting/dangbo-reporting

FROM debian:12-slim
# The packages of the libraries `ldd dangbo-reporting` names (tests/deploy checks the list
# against the binary). libmariadb3 also brings the authentication plugins that MySQL 8 and
# Percona XtraDB Cluster ask for (caching_sha2_password).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates libc6 libgcc-s1 libstdc++6 zlib1g libssl3 \
      libabsl20220623 libc-ares2 libre2-9 libprotobuf32 libgrpc29 libgrpc++1.51 \
      libicu72 libmariadb3 libmysqlcppconn7v5 \
      libcivetweb1 libprometheus-cpp-core1.0 libprometheus-cpp-pull1.0 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 65532 dangbo \
 && useradd --system --uid 65532 --gid 65532 --home-dir /home/dangbo --create-home \
      --shell /usr/sbin/nologin dangbo
COPY --from=build /build/services/reporting/dangbo-reporting /usr/local/bin/dangbo-reporting
# Numeric, so the kubelet can verify runAsNonRoot without a uid in the manifests.
USER 65532:65532
WORKDIR /home/dangbo
EXPOSE 50053 9093
ENTRYPOINT ["/usr/local/bin/dangbo-reporting"]
