package io.souverix.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BrokerSmokeTest {
  @Test
  void broker_started_listsTopic() throws Exception {
    try (KafkaBroker b = KafkaBroker.start("smoke")) {
      b.createTopic("t", 2, false);
      assertThat(b.admin().listTopics().names().get(10, TimeUnit.SECONDS)).contains("t");
    }
  }
}
