package dev.responders.tools.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

  private static final String TEMPLATE = """
      Transform: AWS::Serverless-2016-10-31
      Parameters:
        TagKey: {Type: String, Default: SecurityResponse, AllowedPattern: "[A-Za-z]+"}
        TagValue: {Type: String, Default: isolate}
        ProfileName: {Type: String, Default: responders-isolation}
        Stage: {Type: String, Default: dev, AllowedValues: [dev, prod]}
        Subnets: {Type: CommaDelimitedList, Default: "a, b,c"}
        NoDefault: {Type: String}
      Conditions:
        IsProd: !Equals [!Ref Stage, prod]
        IsDev: !Not [!Condition IsProd]
      Globals:
        Function:
          Runtime: java21
          MemorySize: 1024
          Timeout: 60
          AutoPublishAlias: live
          Environment:
            Variables:
              SHARED: from-globals
              OVERRIDDEN: from-globals
      Resources:
        Profile:
          Type: AWS::IAM::InstanceProfile
          Properties: {InstanceProfileName: !Ref ProfileName, Roles: [!Ref Role]}
        Role:
          Type: AWS::IAM::Role
          Properties: {AssumeRolePolicyDocument: {}}
        NamedQueue:
          Type: AWS::SQS::Queue
          Properties: {QueueName: !Sub "${AWS::StackName}-failures"}
        Worker:
          Type: AWS::Serverless::Function
          Properties:
            Handler: dev.example.Worker::handleRequest
            CodeUri: functions/worker
            MemorySize: !If [IsProd, 2048, 512]
            Environment:
              Variables:
                OVERRIDDEN: own
                PROFILE: !Ref Profile
                ROLE: !Ref Role
                ROLE_ARN: !GetAtt Role.Arn
                QUEUE_URL: !Ref NamedQueue
                QUEUE_ARN: !GetAtt NamedQueue.Arn
                STATUS_KEY: !Sub "${TagKey}Status"
                WHERE: !Sub "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/x"
                LITERAL: !Sub "${!NotAVariable}"
                LIST_SUB: !Sub ["${Prefix}-${Profile}", {Prefix: !Select [1, !Ref Subnets]}]
                ATTR_IN_SUB: !Sub "${Role.Arn}"
                UNKNOWN_ATTR: !GetAtt Role.RoleId
                SPLIT_SELECT: !Select [2, !Split ["/", "a/b/c"]]
                MODE: !If [IsProd, strict, relaxed]
                DEV: !If [IsDev, "yes", "no"]
                OPTIONAL: !If [IsProd, set, !Ref AWS::NoValue]
                NUMBER: 5
            Events:
              Tagged:
                Type: EventBridgeRule
                Properties:
                  Pattern:
                    source: [aws.tag]
                    detail:
                      changed-tag-keys: [!Ref TagKey]
              Off:
                Type: EventBridgeRule
                Properties:
                  State: DISABLED
                  Pattern: {source: [never]}
        ProdOnly:
          Type: AWS::Serverless::Function
          Condition: IsProd
          Properties: {Handler: x::y, CodeUri: functions/prod}
        Plain:
          Type: AWS::Lambda::Function
          Properties: {Handler: p::q, Runtime: java17, Code: {ZipFile: x}, Role: !GetAtt Role.Arn}
        AliasRule:
          Type: AWS::Events::Rule
          Properties:
            EventPattern: !Sub '{"detail": {"tags": {"${TagKey}": ["${TagValue}"]}}}'
            Targets: [{Id: a, Arn: !Ref Worker.Alias}]
        ArnRule:
          Type: AWS::Events::Rule
          Properties:
            EventPattern: {source: [aws.ec2]}
            Targets: [{Id: b, Arn: !GetAtt Worker.Arn}]
        OtherFunctionRule:
          Type: AWS::Events::Rule
          Properties:
            EventPattern: {source: [aws.s3]}
            Targets: [{Id: c, Arn: !GetAtt Plain.Arn}]
        DisabledRule:
          Type: AWS::Events::Rule
          Properties:
            State: DISABLED
            EventPattern: {source: [aws.iam]}
            Targets: [{Id: d, Arn: !GetAtt Worker.Arn}]
        ScheduleRule:
          Type: AWS::Events::Rule
          Properties:
            ScheduleExpression: rate(1 hour)
            Targets: [{Id: e, Arn: !GetAtt Worker.Arn}]
      """;

  private static Template template(TemplateOptions options) {
    return Template.parse(TEMPLATE, options);
  }

  private static final TemplateOptions DEFAULTS = new TemplateOptions(Map.of(), "us-east-1", "123456789012");

  private static Map<String, String> workerEnvironment(TemplateOptions options) {
    return template(options).function("Worker").environment();
  }

  @Test
  void parametersTakeTheirDefaultUnlessOverridden() {
    assertThat(template(DEFAULTS).parameters())
        .containsEntry("TagKey", "SecurityResponse")
        .containsEntry("Stage", "dev")
        .doesNotContainKey("NoDefault");
    assertThat(template(DEFAULTS.withParameter("Stage", "prod")).parameters()).containsEntry("Stage", "prod");
  }

  @Test
  void rejectsOverridesADeployWouldReject() {
    assertThatThrownBy(() -> template(DEFAULTS.withParameter("TagKy", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TagKy");
    assertThatThrownBy(() -> template(DEFAULTS.withParameter("Stage", "test")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not one of");
    assertThatThrownBy(() -> template(DEFAULTS.withParameter("TagKey", "has space")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AllowedPattern");
  }

  @Test
  void refToAParameterWithoutValueFailsWithItsName() {
    Template template = Template.parse("""
        Parameters: {Missing: {Type: String}}
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties: {Handler: a::b, Environment: {Variables: {X: !Ref Missing}}}
        """, DEFAULTS);
    assertThatThrownBy(() -> template.function("Fn")).hasMessageContaining("Missing");
  }

  @Test
  void functionsHaveGlobalsMergedIn() {
    FunctionDefinition worker = template(DEFAULTS).function("Worker");

    assertThat(worker.handler()).isEqualTo("dev.example.Worker::handleRequest");
    assertThat(worker.codeUri()).isEqualTo("functions/worker");
    assertThat(worker.runtime()).isEqualTo("java21");
    assertThat(worker.memorySize()).isEqualTo(512);
    assertThat(worker.timeout()).isEqualTo(60);
    assertThat(worker.environment())
        .containsEntry("SHARED", "from-globals")
        .containsEntry("OVERRIDDEN", "own")
        .containsEntry("NUMBER", "5");
  }

  @Test
  void refResolvesToTheNameTheTemplateGivesAResourceElseItsLogicalId() {
    assertThat(workerEnvironment(DEFAULTS))
        .containsEntry("PROFILE", "responders-isolation")
        .containsEntry("ROLE", "Role")
        .containsEntry("QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/aws-event-responders-failures");
    assertThat(workerEnvironment(DEFAULTS.withParameter("ProfileName", "quarantine")))
        .containsEntry("PROFILE", "quarantine");
  }

  @Test
  void getAttBuildsArnsFromThoseNamesAndPlaceholdersOtherwise() {
    assertThat(workerEnvironment(DEFAULTS))
        .containsEntry("ROLE_ARN", "arn:aws:iam::123456789012:role/Role")
        .containsEntry("QUEUE_ARN", "arn:aws:sqs:us-east-1:123456789012:aws-event-responders-failures")
        .containsEntry("UNKNOWN_ATTR", "Role.RoleId");
  }

  @Test
  void subReplacesParametersPseudoParametersResourcesAndAttributes() {
    assertThat(workerEnvironment(DEFAULTS))
        .containsEntry("STATUS_KEY", "SecurityResponseStatus")
        .containsEntry("WHERE", "arn:aws:ssm:us-east-1:123456789012:parameter/x")
        .containsEntry("LITERAL", "${NotAVariable}")
        .containsEntry("LIST_SUB", "b-responders-isolation")
        .containsEntry("ATTR_IN_SUB", "arn:aws:iam::123456789012:role/Role");
  }

  @Test
  void pseudoParametersFollowTheRegionAndAccountOfTheOptions() {
    assertThat(workerEnvironment(DEFAULTS.withRegion("eu-west-1").withAccountId("210987654321")))
        .containsEntry("WHERE", "arn:aws:ssm:eu-west-1:210987654321:parameter/x");
    assertThat(workerEnvironment(DEFAULTS.withRegion("cn-north-1")))
        .containsEntry("WHERE", "arn:aws-cn:ssm:cn-north-1:123456789012:parameter/x");
  }

  @Test
  void selectOfASplit() {
    assertThat(workerEnvironment(DEFAULTS)).containsEntry("SPLIT_SELECT", "c");
  }

  @Test
  void anIntrinsicTemplateYamlDoesNotUseFailsNamingIt() {
    Template joined = Template.parse("""
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Handler: x.Y::handleRequest
              Environment: {Variables: {JOINED: !Join ["+", [a, b]]}}
        """, DEFAULTS);

    org.assertj.core.api.Assertions.assertThatThrownBy(joined::functions)
        .hasMessageContaining("unsupported intrinsic function Fn::Join");
  }

  @Test
  void conditionsChooseValuesAndWhichResourcesExist() {
    Map<String, String> dev = workerEnvironment(DEFAULTS);
    assertThat(dev).containsEntry("MODE", "relaxed").containsEntry("DEV", "yes").doesNotContainKey("OPTIONAL");
    assertThat(template(DEFAULTS).functions()).containsOnlyKeys("Worker", "Plain");

    TemplateOptions prod = DEFAULTS.withParameter("Stage", "prod");
    assertThat(workerEnvironment(prod)).containsEntry("MODE", "strict").containsEntry("DEV", "no")
        .containsEntry("OPTIONAL", "set");
    assertThat(template(prod).function("Worker").memorySize()).isEqualTo(2048);
    assertThat(template(prod).functions()).containsOnlyKeys("Worker", "ProdOnly", "Plain");
  }

  @Test
  void aPlainLambdaFunctionGetsNoGlobals() {
    FunctionDefinition plain = template(DEFAULTS).function("Plain");
    assertThat(plain.runtime()).isEqualTo("java17");
    assertThat(plain.codeUri()).isNull();
    assertThat(plain.memorySize()).isNull();
  }

  @Test
  void eventPatternsComeFromEnabledRulesTargetingTheFunctionItsAliasOrItsEvents() {
    assertThat(template(DEFAULTS).eventPatternsFor("Worker")).containsExactly(
        "{\"source\":[\"aws.tag\"],\"detail\":{\"changed-tag-keys\":[\"SecurityResponse\"]}}",
        "{\"detail\":{\"tags\":{\"SecurityResponse\":[\"isolate\"]}}}",
        "{\"source\":[\"aws.ec2\"]}");
    assertThat(template(DEFAULTS).eventPatternsFor("Plain")).containsExactly("{\"source\":[\"aws.s3\"]}");
  }

  @Test
  void overridingAParameterChangesThePatternKey() {
    TemplateOptions quarantine = DEFAULTS.withParameters(Map.of("TagKey", "Quarantine", "TagValue", "yes"));
    assertThat(template(quarantine).eventPatternsFor("Worker")).contains(
        "{\"detail\":{\"tags\":{\"Quarantine\":[\"yes\"]}}}",
        "{\"source\":[\"aws.tag\"],\"detail\":{\"changed-tag-keys\":[\"Quarantine\"]}}");
  }

  @Test
  void askingForAnUnknownFunctionNamesTheKnownOnes() {
    assertThatThrownBy(() -> template(DEFAULTS).eventPatternsFor("Wroker"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Worker");
  }

  @Test
  void aPatternThatIsNotJsonNamesItsRule() {
    Template broken = Template.parse("""
        Resources:
          Fn: {Type: AWS::Lambda::Function, Properties: {Handler: a::b}}
          Broken:
            Type: AWS::Events::Rule
            Properties:
              EventPattern: '{"source": ['
              Targets: [{Id: a, Arn: !GetAtt Fn.Arn}]
        """, DEFAULTS);
    assertThatThrownBy(() -> broken.eventPatternsFor("Fn")).hasMessageContaining("rule Broken");
  }

  @Test
  void theRoleAndUrlSamCreatesForAFunctionResolveAsDeployedNames() {
    Template template = Template.parse("""
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Endpoint:
            Type: AWS::Serverless::Function
            Properties:
              Handler: dev.example.Endpoint::handleRequest
              CodeUri: functions/endpoint
              FunctionUrlConfig: {AuthType: NONE}
          Caller:
            Type: AWS::Serverless::Function
            Properties:
              Handler: dev.example.Caller::handleRequest
              CodeUri: functions/caller
              Environment:
                Variables:
                  ENDPOINT_ROLE: !GetAtt EndpointRole.Arn
                  ENDPOINT_URL: !GetAtt EndpointUrl.FunctionUrl
        """, TemplateOptions.defaults());

    assertThat(template.function("Caller").environment())
        .containsEntry("ENDPOINT_ROLE", "arn:aws:iam::123456789012:role/EndpointRole")
        .containsEntry("ENDPOINT_URL", "https://endpoint.lambda-url.us-east-1.on.aws/");
    assertThatThrownBy(() -> Template.parse("""
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Caller:
            Type: AWS::Serverless::Function
            Properties:
              Handler: dev.example.Caller::handleRequest
              CodeUri: functions/caller
              Environment: {Variables: {NOPE: !GetAtt MissingRole.Arn}}
        """, TemplateOptions.defaults()).function("Caller").environment())
        .hasMessageContaining("unknown resource MissingRole");
  }
}
