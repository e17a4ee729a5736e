# session-sync container: build the jar, then run it on a JRE as a non-root user.
# docker build -t session-sync . && docker run -p 8080:8080 -e SESSIONSYNC_STORE_URL=... session-sync
# Publish only 8080 (webhooks). 8081 (admin API, health, metrics) stays on the container network:
# see docs/security.md.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY routes routes
COPY mappings mappings
COPY config config
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --user-group --home-dir /app session-sync \
    && mkdir -p /app/data && chown -R session-sync:session-sync /app
WORKDIR /app
COPY --from=build /src/target/session-sync.jar /app/session-sync.jar
USER 10001
# The admin API and health/metrics on a port of their own; 0.0.0.0 inside the container so a
# scraper on the container network reaches it. Do not publish it.
ENV SESSIONSYNC_MANAGEMENT_PORT=8081 \
    SESSIONSYNC_MANAGEMENT_HOST=0.0.0.0
EXPOSE 8080 8081
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8081/observe/health/ready || exit 1
# ExitOnOutOfMemoryError: a JVM out of heap exits and the container runtime restarts it.
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAMPercentage=75", "-jar", "/app/session-sync.jar"]
CMD ["run"]
