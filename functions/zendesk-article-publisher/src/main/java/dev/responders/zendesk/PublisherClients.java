package dev.responders.zendesk;

import dev.responders.shared.aws.AwsClients;
import dev.responders.shared.http.SaasHttp;
import dev.responders.shared.notify.Notifier;
import java.net.http.HttpClient;
import java.time.Clock;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The clients both functions talk through, built once per container: Secrets Manager (the Zendesk secret), SSM
 * (the one-article-per-ticket records), one JDK HTTP client for Zendesk, and the suite's notifier.
 */
public record PublisherClients(SecretsManagerClient secrets, SsmClient ssm, HttpClient zendeskHttp,
    SaasHttp.Pause pause, Notifier notifier) {

  public static PublisherClients fromEnvironment() {
    return new PublisherClients(AwsClients.build(SecretsManagerClient.builder()), AwsClients.build(SsmClient.builder()),
        SaasHttp.client(), pause -> Thread.sleep(pause.toMillis()), Notifier.fromEnvironment(System.getenv()));
  }

  ArticlePublisher publisher(PublisherConfig config, CredentialsSource credentials, Clock clock) {
    return new ArticlePublisher(config, credentials, new ZendeskApi(zendeskHttp, pause),
        new ArticleRecordStore(ssm, config), notifier, clock);
  }

  CredentialsSource credentials(PublisherConfig config, Clock clock) {
    return new CredentialsSource(secrets, config.secretName(), clock);
  }
}
