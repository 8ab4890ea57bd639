# Builds and runs the Seatflow reconciler (`java -jar reconciler.jar run`).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY events-model events-model
COPY embedded-kafka embedded-kafka
COPY testkit testkit
COPY reconciler-core reconciler-core
COPY reconciler-service reconciler-service
COPY bench-e2e bench-e2e
COPY reconciler reconciler
COPY bench bench
RUN mvn -B -ntp -q -pl reconciler -am package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 seatflow
COPY --from=build /src/reconciler/target/reconciler.jar /opt/seatflow/reconciler.jar
USER seatflow
EXPOSE 8080
# SIGTERM (docker stop) finishes the open transaction and exits 0.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/seatflow/reconciler.jar"]
CMD ["run"]
