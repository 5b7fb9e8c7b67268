package dev.otellab.bundle;

import dev.otellab.lab.docker.StackImages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What goes into a bundle: groups of images, each group saved as one archive. An image built
 * on a base shares its group with that base (their common layers are stored once).
 */
public record BundleContents(List<Group> groups) {
    /** One image to bundle and why the lab needs it. */
    public record Item(String image, String purpose) {
    }

    /** The images saved together into one archive. */
    public record Group(List<Item> items) {
        public Group {
            items = List.copyOf(items);
        }

        List<String> images() {
            return items.stream().map(Item::image).toList();
        }
    }

    public BundleContents {
        groups = List.copyOf(groups);
    }

    /** Every image the Docker lab's Start needs, built images grouped with their base. */
    public static BundleContents of(List<StackImages.NeededImage> needed) {
        Map<String, List<Item>> groups = new LinkedHashMap<>();
        Map<String, String> groupOfBase = new LinkedHashMap<>();
        for (StackImages.NeededImage image : needed) {
            image.base().ifPresent(base -> groupOfBase.putIfAbsent(base, image.image()));
        }
        for (StackImages.NeededImage image : needed) {
            String group = groupOfBase.getOrDefault(image.image(), image.image());
            groups.computeIfAbsent(group, key -> new ArrayList<>()).add(new Item(image.image(), image.purpose()));
        }
        return new BundleContents(groups.values().stream().map(Group::new).toList());
    }

    /** Each image in an archive of its own. */
    public static BundleContents separately(List<Item> items) {
        return new BundleContents(items.stream().map(item -> new Group(List.of(item))).toList());
    }

    public List<Item> items() {
        return groups.stream().flatMap(group -> group.items().stream()).toList();
    }
}
