"""The geometry of crops: the largest box of the ratio inside the frame,
centred on the focal point as far as the frame allows, and always
containing it."""

import itertools

import pytest

from comunicacio.images import CROPS, crop_widths, focal_crop_box

FRAMES = [(1200, 800), (800, 1200), (1600, 900), (1000, 1000), (4000, 600), (300, 2000), (17, 11), (1, 1)]
FOCI = [0.0, 0.1, 0.333, 0.5, 0.77, 0.9, 1.0]


@pytest.mark.parametrize("crop", sorted(CROPS))
@pytest.mark.parametrize("frame", FRAMES)
def test_every_box_is_inside_the_frame_has_the_ratio_and_contains_the_focal_point(crop, frame):
    ratio = CROPS[crop][0]
    width, height = frame
    for fx, fy in itertools.product(FOCI, FOCI):
        left, top, right, bottom = focal_crop_box(width, height, ratio, fx, fy)
        box_width, box_height = right - left, bottom - top
        assert 0 <= left < right <= width and 0 <= top < bottom <= height
        # The largest such box: one side is the frame's whole side.
        assert box_width == width or box_height == height
        # The ratio, to the pixel the rounding allows.
        assert abs(box_width - box_height * ratio) <= max(1.0, ratio), (crop, frame, fx, fy)
        assert left <= fx * width <= right and top <= fy * height <= bottom


def test_the_box_is_centred_on_the_focal_point_where_the_frame_allows():
    # A 16:9 box of a 1000 x 1000 frame is 1000 x 562: it moves only vertically.
    assert focal_crop_box(1000, 1000, 16 / 9, 0.5, 0.5) == (0, 219, 1000, 781)
    assert focal_crop_box(1000, 1000, 16 / 9, 0.9, 0.4) == (0, 119, 1000, 681)
    # Near an edge it stops at the edge rather than leave the frame.
    assert focal_crop_box(1000, 1000, 16 / 9, 0.5, 0.05) == (0, 0, 1000, 562)
    assert focal_crop_box(1000, 1000, 16 / 9, 0.5, 1.0) == (0, 438, 1000, 1000)
    # A square of a landscape frame slides horizontally.
    assert focal_crop_box(1600, 900, 1.0, 0.25, 0.9) == (0, 0, 900, 900)
    assert focal_crop_box(1600, 900, 1.0, 0.6, 0.5) == (510, 0, 1410, 900)


def test_a_focal_point_outside_zero_to_one_is_held_to_the_frame():
    assert focal_crop_box(1600, 900, 1.0, -3, 7) == focal_crop_box(1600, 900, 1.0, 0, 1)


@pytest.mark.parametrize("size, ratio", [((0, 10), 1.0), ((10, 0), 1.0), ((10, 10), 0.0)])
def test_nonsense_sizes_are_refused_clearly(size, ratio):
    with pytest.raises(ValueError):
        focal_crop_box(*size, ratio)


def test_crops_are_never_enlarged():
    assert crop_widths("16x9", 2000) == [480, 960]
    assert crop_widths("16x9", 700) == [480, 700]
    assert crop_widths("16x9", 300) == [300]
    assert crop_widths("1.91x1", 1200) == [1200]
