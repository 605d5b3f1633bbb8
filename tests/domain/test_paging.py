from bot.domain.paging import page_of


def test_pages_are_clamped_into_range_and_an_empty_list_is_one_page() -> None:
    items = list(range(10))
    assert page_of(items, 0, 4).items == [0, 1, 2, 3]
    last = page_of(items, 99, 4)
    assert (last.items, last.number, last.count) == ([8, 9], 2, 3)
    assert page_of(items, -5, 4).number == 0
    empty = page_of([], 3, 4)
    assert (list(empty.items), empty.number, empty.count) == ([], 0, 1)
