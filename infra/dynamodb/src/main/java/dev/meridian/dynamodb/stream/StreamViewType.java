package dev.meridian.dynamodb.stream;

import dev.meridian.dynamodb.DynamoDbException;

/** What a stream record carries of the changed item. */
public enum StreamViewType {
    KEYS_ONLY(false, false),
    NEW_IMAGE(true, false),
    OLD_IMAGE(false, true),
    NEW_AND_OLD_IMAGES(true, true);

    private final boolean newImage;
    private final boolean oldImage;

    StreamViewType(boolean newImage, boolean oldImage) {
        this.newImage = newImage;
        this.oldImage = oldImage;
    }

    public boolean keepsNewImage() {
        return newImage;
    }

    public boolean keepsOldImage() {
        return oldImage;
    }

    /** The wire value, or a ValidationException naming the bad value and the allowed ones. */
    public static StreamViewType parse(String text) {
        if (text != null) {
            for (StreamViewType t : values()) {
                if (t.name().equals(text)) {
                    return t;
                }
            }
        }
        throw DynamoDbException.validation("1 validation error detected: Value '" + text
                + "' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set: "
                + "[NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]");
    }
}
