package dev.responders.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responders.shared.aws.AccountScope;
import dev.responders.shared.error.InvalidEventException;
import dev.responders.shared.event.EventBridgeEvent;
import dev.responders.shared.json.Json;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TagChangeEventTest {

  static final IsolationConfig CONFIG = new IsolationConfig("SecurityResponse", "isolate", "release",
      "responders-isolation",
      "SecurityResponseStatus", "/responders/isolation", true, true, false, false, "alias/records",
      new AccountScope("123456789012", "us-east-1"));

  private static final String EVENT = """
      {"version":"0","id":"7f3c2e10-0000-4000-8000-000000000001","detail-type":"Tag Change on Resource",
       "source":"aws.tag","account":"123456789012","time":"2026-11-26T10:00:00Z","region":"us-east-1",
       "resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0"],
       "detail":{"changed-tag-keys":["SecurityResponse"],"service":"ec2","resource-type":"instance",
                 "version":3,"tags":{"SecurityResponse":"isolate","Name":"web-1"}}}
      """;

  @Test
  void readsTheInstanceAndItsTags() {
    TagChangeEvent event = TagChangeEvent.parse(event(e -> { }));

    assertThat(event.instanceId()).isEqualTo("i-0123456789abcdef0");
    assertThat(event.eventId()).isEqualTo("7f3c2e10-0000-4000-8000-000000000001");
    assertThat(event.changedTagKeys()).containsExactly("SecurityResponse");
    assertThat(event.tags()).containsEntry("Name", "web-1");
    assertThat(event.outOfScopeReason(CONFIG)).isEmpty();
  }

  static Stream<Arguments> malformedEvents() {
    return Stream.of(
        Arguments.of("detail missing", (Consumer<ObjectNode>) e -> e.remove("detail"), "detail"),
        Arguments.of("detail a string", (Consumer<ObjectNode>) e -> e.put("detail", "x"), "detail"),
        Arguments.of("tags an array", (Consumer<ObjectNode>) e -> detail(e).putArray("tags"), "detail.tags"),
        Arguments.of("tag value a number", (Consumer<ObjectNode>) e -> ((ObjectNode) detail(e).get("tags"))
            .put("SecurityResponse", 1), "detail.tags.SecurityResponse"),
        Arguments.of("changed keys a string", (Consumer<ObjectNode>) e -> detail(e).put("changed-tag-keys", "x"),
            "detail.changed-tag-keys"),
        Arguments.of("service missing", (Consumer<ObjectNode>) e -> detail(e).remove("service"), "detail.service"),
        Arguments.of("resources empty", (Consumer<ObjectNode>) e -> e.putArray("resources"), "resources"),
        Arguments.of("resource not an ARN", (Consumer<ObjectNode>) e -> ((ArrayNode) e.get("resources"))
            .set(0, Json.MAPPER.getNodeFactory().textNode("i-0123456789abcdef0")), "resources[0]"),
        Arguments.of("id a number", (Consumer<ObjectNode>) e -> e.put("id", 5), "id"),
        Arguments.of("two resources", (Consumer<ObjectNode>) e -> ((ArrayNode) e.get("resources"))
            .add("arn:aws:ec2:us-east-1:123456789012:instance/i-0fedcba9876543210"), "resources"),
        Arguments.of("ARN truncated after instance/", resource("arn:aws:ec2:us-east-1:123456789012:instance/"),
            "resources[0]"),
        Arguments.of("ARN truncated at instance", resource("arn:aws:ec2:us-east-1:123456789012:instance"),
            "resources[0]"),
        Arguments.of("ARN of a volume while detail says instance",
            resource("arn:aws:ec2:us-east-1:123456789012:volume/vol-0123456789abcdef0"), "resources[0]"),
        Arguments.of("ARN of another service while detail says EC2",
            resource("arn:aws:rds:us-east-1:123456789012:instance/i-0123456789abcdef0"), "resources[0]"),
        Arguments.of("id with a path", resource("arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0/x"),
            "resources[0]"),
        Arguments.of("id in upper case", resource("arn:aws:ec2:us-east-1:123456789012:instance/I-0123456789ABCDEF0"),
            "resources[0]"),
        Arguments.of("id too short", resource("arn:aws:ec2:us-east-1:123456789012:instance/i-0123"),
            "resources[0]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedEvents")
  void aMalformedEventIsATypedErrorNamingTheField(String name, Consumer<ObjectNode> change, String field) {
    assertThatThrownBy(() -> TagChangeEvent.parse(event(change)))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining(field)
        .extracting(e -> ((InvalidEventException) e).field()).isEqualTo(field);
  }

  static Stream<Arguments> outOfScopeEvents() {
    return Stream.of(
        Arguments.of((Consumer<ObjectNode>) e -> ((ObjectNode) detail(e).get("tags")).remove("SecurityResponse"),
            "tag SecurityResponse was removed"),
        Arguments.of((Consumer<ObjectNode>) e -> ((ObjectNode) detail(e).get("tags")).put("SecurityResponse", "monitor"),
            "tag SecurityResponse is 'monitor', not 'isolate'"),
        Arguments.of((Consumer<ObjectNode>) e -> detail(e).putArray("changed-tag-keys").add("Name"),
            "tag SecurityResponse did not change (changed: 'Name')"),
        Arguments.of((Consumer<ObjectNode>) e -> detail(e).put("resource-type", "volume"),
            "resource is 'ec2/volume', not an EC2 instance"),
        Arguments.of((Consumer<ObjectNode>) e -> detail(e).put("service", "rds"),
            "resource is 'rds/instance', not an EC2 instance"),
        Arguments.of((Consumer<ObjectNode>) e -> e.put("account", "999999999999"),
            "event is from account 999999999999, this function acts in account 123456789012"),
        Arguments.of((Consumer<ObjectNode>) e -> ((ArrayNode) e.get("resources")).set(0, text(
            "arn:aws:ec2:us-east-1:999999999999:instance/i-0123456789abcdef0")),
            "resource is in account 999999999999, this function acts in account 123456789012"),
        Arguments.of((Consumer<ObjectNode>) e -> e.put("region", "eu-west-1"),
            "event is from region eu-west-1, this function acts in region us-east-1"),
        Arguments.of((Consumer<ObjectNode>) e -> ((ArrayNode) e.get("resources")).set(0, text(
            "arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0")),
            "resource is in region eu-west-1, this function acts in region us-east-1"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("outOfScopeEvents")
  void aWellFormedEventOutOfScopeSaysWhy(Consumer<ObjectNode> change, String reason) {
    assertThat(TagChangeEvent.parse(event(change)).outOfScopeReason(CONFIG)).contains(reason);
  }

  @Test
  void anotherKindOfEventIsNoTagChange() {
    JsonNode ec2StateChange = event(e -> {
      e.put("source", "aws.ec2");
      e.put("detail-type", "EC2 Instance State-change Notification");
    });

    assertThat(TagChangeEvent.notATagChange(EventBridgeEvent.parse(ec2StateChange)))
        .contains("event is 'EC2 Instance State-change Notification' from aws.ec2, not 'Tag Change on Resource'"
            + " from aws.tag");
    assertThat(TagChangeEvent.notATagChange(EventBridgeEvent.parse(event(e -> { }))))
        .isEmpty();
  }

  @Test
  void aHugeTagValueIsEchoedCutToAReadableLength() {
    String huge = "x".repeat(300_000);
    TagChangeEvent event = TagChangeEvent.parse(event(e -> ((ObjectNode) detail(e).get("tags"))
        .put("SecurityResponse", huge)));

    assertThat(event.outOfScopeReason(CONFIG)).hasValueSatisfying(reason -> assertThat(reason)
        .hasSizeLessThan(300).contains("(300000 characters)"));
  }

  private static Consumer<ObjectNode> resource(String arn) {
    return e -> ((ArrayNode) e.get("resources")).set(0, text(arn));
  }

  private static JsonNode text(String value) {
    return Json.MAPPER.getNodeFactory().textNode(value);
  }

  private static ObjectNode detail(ObjectNode event) {
    return (ObjectNode) event.get("detail");
  }

  private static JsonNode event(Consumer<ObjectNode> change) {
    try {
      ObjectNode node = (ObjectNode) Json.MAPPER.readTree(EVENT);
      change.accept(node);
      return node;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
