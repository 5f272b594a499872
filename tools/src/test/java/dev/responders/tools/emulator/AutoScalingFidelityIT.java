package dev.responders.tools.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The emulator behaves as Auto Scaling does where moto alone does not (tools/emulator/moto_launcher.py). */
@ExtendWith(MotoExtension.class)
class AutoScalingFidelityIT {

  private final Ec2Client ec2 = Ec2Client.create();
  private final AutoScalingClient autoScaling = AutoScalingClient.create();

  @Test
  void detachingAnInstanceThatIsNoLongerInTheGroupFailsAsAutoScalingDoes() {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.31.0.0/16")).vpc().vpcId();
    String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.31.1.0/24")).subnet().subnetId();
    String image = ec2.describeImages().images().get(0).imageId();
    autoScaling.createLaunchConfiguration(r -> r.launchConfigurationName("web").imageId(image)
        .instanceType("t3.micro"));
    autoScaling.createAutoScalingGroup(r -> r.autoScalingGroupName("web").launchConfigurationName("web")
        .minSize(1).maxSize(3).desiredCapacity(1).vpcZoneIdentifier(subnet));
    String instance = autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web"))
        .autoScalingGroups().get(0).instances().get(0).instanceId();
    autoScaling.detachInstances(r -> r.autoScalingGroupName("web").instanceIds(instance)
        .shouldDecrementDesiredCapacity(false));

    assertThatThrownBy(() -> autoScaling.detachInstances(r -> r.autoScalingGroupName("web").instanceIds(instance)
        .shouldDecrementDesiredCapacity(false)))
        .isInstanceOfSatisfying(AutoScalingException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
          assertThat(e.getMessage()).contains("is not part of Auto Scaling group web");
        });
  }

  @AfterEach
  void closeClients() {
    ec2.close();
    autoScaling.close();
  }
}
