package dev.kiln.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.billing.service.LedgerService;
import dev.kiln.contracts.Topics;
import dev.kiln.contracts.events.AccountOpened;
import dev.kiln.contracts.events.CreditsGranted;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.infra.kafka.KafkaEventClient;
import dev.kiln.infra.quarkus.KilnInfraResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What finance does (docs/finance.md): read the ledger topic with a plain Kafka consumer and a
 * generic JSON parser — no Kiln classes — and sum the transfers. The sums equal billing's own
 * balances, account by account.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnInfraResource.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "redis", value = "false"),
        @ResourceArg(name = "s3", value = "false")})
class FinanceReaderTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    LedgerService ledger;

    @Test
    void aPlainConsumerSumsTheLedgerTopicToBillingsBalances() {
        List<String> accounts = List.of("acct-fin-" + UUID.randomUUID(), "acct-fin-" + UUID.randomUUID());
        try (KafkaEventClient kafka = new KafkaEventClient(bootstrap, List.of(Topics.RESERVATIONS))) {
            for (String account : accounts) {
                kafka.send(Topics.ACCOUNTS, account, new AccountOpened(UUID.randomUUID(), Instant.now(), null, account,
                        "Finance", "free", 50, "whsec_test"));
                String grant = "grant_" + UUID.randomUUID();
                kafka.send(Topics.ACCOUNTS, account, new CreditsGranted(EventIds.of(grant, "granted"), Instant.now(),
                        null, account, 20, "top-up", grant));
            }
            await().atMost(BillingServiceTest.WAIT).until(() -> accounts.stream().allMatch(a ->
                    RestAssured.get("/billing/v1/accounts/{id}", a).then().extract().path("posted") instanceof Integer p
                            && p == 70));
            int n = 0;
            for (String account : accounts) {
                for (int i = 0; i < 8; i++, n++) {
                    String job = BillingServiceTest.newJob();
                    kafka.send(Topics.JOBS_REQUESTED, account,
                            BillingServiceTest.jobRequested(account, job, 3 + i, Instant.now().plusSeconds(60)));
                    await().atMost(BillingServiceTest.WAIT).until(() -> !kafka.events(Topics.RESERVATIONS,
                            dev.kiln.contracts.events.KilnEvent.class, e -> job.equals(e.jobId())).isEmpty());
                    if (i % 4 == 3) {
                        continue; // left pending
                    }
                    JobStatus end = i % 4 == 2 ? JobStatus.FAILED : JobStatus.SUCCEEDED;
                    kafka.send(Topics.JOB_STATUS, job, BillingServiceTest.status(account, job, end, 1, 3 + i));
                }
            }
        }
        // the expiry sweep runs "later" and expires what was left pending
        QuarkusTransaction.requiringNew().run(() -> ledger.expireHolds(Instant.now().plus(Duration.ofHours(2))));
        await().atMost(BillingServiceTest.WAIT).untilAsserted(() -> {
            Map<String, long[]> sums = readLedgerTopic();
            for (String account : accounts) {
                JsonPath view = RestAssured.get("/billing/v1/accounts/{id}", account).then().statusCode(200)
                        .extract().jsonPath();
                assertThat(view.getLong("pending")).isZero();
                for (String ledgerAccount : List.of(account + ":plan", account + ":topup")) {
                    long[] s = sums.getOrDefault(ledgerAccount, new long[4]);
                    String at = "ledger_accounts.find { it.id == '" + ledgerAccount + "' }.";
                    assertThat(s).as(ledgerAccount).containsExactly(view.getLong(at + "debits_pending"),
                            view.getLong(at + "debits_posted"), view.getLong(at + "credits_pending"),
                            view.getLong(at + "credits_posted"));
                }
                long[] plan = sums.get(account + ":plan");
                long[] topup = sums.getOrDefault(account + ":topup", new long[4]);
                assertThat(plan[3] - plan[1] + topup[3] - topup[1]).isEqualTo(view.getLong("posted"));
            }
        });
    }

    /**
     * The finance reader: every CloudEvent from the beginning, deduplicated by {@code id}, folded into
     * the four balances of each ledger account — {debits_pending, debits_posted, credits_pending, credits_posted}.
     */
    private Map<String, long[]> readLedgerTopic() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "finance-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        ObjectMapper json = new ObjectMapper();
        Map<String, long[]> balances = new HashMap<>();
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("kiln.billing.ledger.v2"));
            Map<org.apache.kafka.common.TopicPartition, Long> end = null;
            while (end == null || end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                            .startsWith("application/cloudevents+json");
                    JsonNode event = json.readTree(record.value());
                    assertThat(event.path("specversion").asText()).isEqualTo("1.0");
                    assertThat(event.path("subject").asText()).isEqualTo(record.key());
                    if (!seen.add(event.path("id").asText())) {
                        continue; // at-least-once delivery: the id deduplicates
                    }
                    apply(balances, event.path("type").asText(), event.path("data"));
                }
                if (end == null && !consumer.assignment().isEmpty()) {
                    end = consumer.endOffsets(consumer.assignment());
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
        return balances;
    }

    private static void apply(Map<String, long[]> balances, String type, JsonNode data) {
        long[] debit = balances.computeIfAbsent(data.path("debit_account").asText(), k -> new long[4]);
        long[] credit = balances.computeIfAbsent(data.path("credit_account").asText(), k -> new long[4]);
        long amount = data.path("amount").asLong();
        long held = data.path("held_amount").asLong();
        switch (type) {
            case "kiln.billing.hold.created" -> {
                debit[0] += amount;
                credit[2] += amount;
            }
            case "kiln.billing.hold.posted", "kiln.billing.hold.voided", "kiln.billing.hold.expired" -> {
                debit[0] -= held;
                credit[2] -= held;
                debit[1] += amount;
                credit[3] += amount;
            }
            case "kiln.billing.credits.granted", "kiln.billing.credits.expired" -> {
                debit[1] += amount;
                credit[3] += amount;
            }
            default -> {
                // kiln.billing.hold.settled_after_expiry moves nothing
            }
        }
    }
}
