package dev.responders.bluegreen;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.responders.shared.json.Json;
import java.util.List;

/** CodePipeline's job-result API as WireMock plays it (moto has no PutJobSuccessResult / PutJobFailureResult). */
final class PipelinePeer {

  static final String SUCCESS = "CodePipeline_20150709.PutJobSuccessResult";
  static final String FAILURE = "CodePipeline_20150709.PutJobFailureResult";
  static final String DETAILS = "CodePipeline_20150709.GetJobDetails";
  private static final String JSON_11 = "application/x-amz-json-1.1";

  private final WireMockServer wireMock;

  PipelinePeer(WireMockServer wireMock) {
    this.wireMock = wireMock;
  }

  /**
   * Both job-result calls answered as CodePipeline does when it takes the result (200, an empty JSON object), and
   * GetJobDetails answered with the job's own id as its pipeline execution id (each job its own execution), with
   * artifactCredentials as CodePipeline sends them.
   */
  PipelinePeer acceptingResults() {
    answer(SUCCESS, 200, "{}");
    answer(FAILURE, 200, "{}");
    jobsBelongTo("{{jsonPath request.body '$.jobId'}}");
    return this;
  }

  /** GetJobDetails answers that every job belongs to {@code executionId} (a response template may compute it). */
  void jobsBelongTo(String executionId) {
    wireMock.stubFor(post("/").withHeader("X-Amz-Target", equalTo(DETAILS))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON_11)
            .withBody(jobDetails(executionId)).withTransformers("response-template")));
  }

  private static String jobDetails(String executionId) {
    return """
        {"jobDetails": {"id": "{{jsonPath request.body '$.jobId'}}", "accountId": "123456789012",
          "data": {"actionTypeId": {"category": "Invoke", "owner": "AWS", "provider": "Lambda", "version": "1"},
            "pipelineContext": {"pipelineName": "bluegreen-efs", "stage": {"name": "Flip"},
              "action": {"name": "FlipLiveColour"}, "pipelineExecutionId": "%s"},
            "artifactCredentials": {"accessKeyId": "ASIAEXAMPLECANARY0009",
              "secretAccessKey": "SecretCanaryDoNotLogMe/fromGetJobDetails",
              "sessionToken": "SessionCanaryDoNotLogMe/fromGetJobDetails"}}}}""".formatted(executionId);
  }

  /** One operation answered with an AWS JSON error, e.g. 400 InvalidJobStateException or 500 InternalError. */
  void answer(String target, int status, String body) {
    wireMock.stubFor(post("/").withHeader("X-Amz-Target", equalTo(target))
        .willReturn(aResponse().withStatus(status).withHeader("Content-Type", JSON_11).withBody(body)));
  }

  void answerError(String target, int status, String type, String message) {
    answer(target, status, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
  }

  /** The bodies CodePipeline received for one operation, in order. */
  List<JsonNode> requests(String target) {
    List<LoggedRequest> requests = wireMock.findAll(postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo(target)));
    return requests.stream().map(r -> Json.read(r.getBodyAsString(), JsonNode.class)).toList();
  }

  /** Every request body CodePipeline received, whatever the operation. */
  String allBodies() {
    return String.join("\n", wireMock.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString())
        .toList());
  }
}
