package dev.responders.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.Image;
import software.amazon.awssdk.services.imagebuilder.model.ResourceNotFoundException;

/** Reads an image with {@code imagebuilder:GetImage}: its state now and the AMIs it was distributed as. */
public final class ImageBuilderImages {

  static final String SOURCE = "imagebuilder:GetImage";

  private final ImagebuilderClient imagebuilder;

  public ImageBuilderImages(ImagebuilderClient imagebuilder) {
    this.imagebuilder = imagebuilder;
  }

  /** The image, or empty when Image Builder no longer has it. Its AMIs are validated like an SNS message's. */
  public Optional<ImageBuild> get(ImageArn arn) {
    Image image;
    try {
      image = imagebuilder.getImage(r -> r.imageBuildVersionArn(arn.toString())).image();
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
    ImageStatus status = ImageStatus.parse(image.state() == null ? null : image.state().statusAsString(),
        SOURCE + " image.state.status");
    List<Ami> amis = new ArrayList<>();
    if (status == ImageStatus.AVAILABLE && image.outputResources() != null) {
      var output = image.outputResources().amis();
      for (int i = 0; i < output.size(); i++) {
        var ami = output.get(i);
        amis.add(Ami.of(ami.region(), ami.image(), ami.name(), ami.accountId(),
            SOURCE + " image.outputResources.amis[" + i + "]"));
      }
    }
    return Optional.of(new ImageBuild(arn, image.name() == null ? arn.name() : image.name(), status,
        image.state() == null ? null : image.state().reason(),
        ImageBuild.pipelineArn(image.sourcePipelineArn(), SOURCE + " image.sourcePipelineArn"),
        image.dateCreated() == null ? null : ImageDates.normalise(image.dateCreated()),
        ImageBuild.distinctTargets(amis, SOURCE + " image.outputResources.amis")));
  }
}
