package dev.responders.tools.emulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;

/**
 * CodePipeline's job calls, which moto lacks, as WireMock stubs for the demo and the benchmark: the job results
 * are taken, and GetJobDetails answers each job as an execution of its own (its execution id is the job id). A
 * function reaches it through {@code AWS_ENDPOINT_URL_CODEPIPELINE}.
 */
public final class CodePipelineDouble {

  static final String TARGET_PREFIX = "CodePipeline_20150709.";

  private final WireMockServer server;

  public CodePipelineDouble(WireMockServer server) {
    this.server = server;
  }

  /** Stubs every call of the blue-green flip's job: its two results and GetJobDetails. */
  public CodePipelineDouble takesJobResults() {
    for (String action : List.of("PutJobSuccessResult", "PutJobFailureResult")) {
      server.stubFor(post("/").withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + action))
          .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
              .withBody("{}")));
    }
    // A job whose UserParameters name no execution is looked up; here each job is its own execution.
    server.stubFor(post("/").withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + "GetJobDetails"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"jobDetails\": {\"data\": {\"pipelineContext\": "
                + "{\"pipelineExecutionId\": \"{{jsonPath request.body '$.jobId'}}\"}}}}")
            .withTransformers("response-template")));
    return this;
  }

  /** The endpoint to give as {@code AWS_ENDPOINT_URL_CODEPIPELINE}. */
  public String endpoint() {
    return WireMockPeer.endpointOf(server);
  }

  /** The action a request to this double called ({@code PutJobSuccessResult}, ...). */
  public static String actionOf(String target) {
    return target.replace(TARGET_PREFIX, "");
  }
}
