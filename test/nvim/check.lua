-- Neovim 0.7 check of the News Claims language server, run headless from the repository root:
--   nvim --headless --clean -c 'luafile test/nvim/check.lua'
-- It starts dist/server.js over stdio with Neovim's built-in LSP client, opens a fixture article,
-- waits for the pushed diagnostics, asks for a hover on a figure and a person, and ends with
-- "N passed, N failed"; any failure exits non-zero through :cquit.

local root = vim.fn.getcwd()
local article = root .. '/test/e2e/workspace/harbour-fire.news'
local timeout_ms = tonumber(os.getenv('NEWS_CLAIMS_NVIM_TIMEOUT_MS') or '30000')

local passed, failed = 0, 0

local function out(line)
  io.stdout:write(line .. '\n')
end

local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    out('ok - ' .. name)
  else
    failed = failed + 1
    out('not ok - ' .. name .. (detail and (': ' .. detail) or ''))
  end
end

local function finish()
  out(string.format('%d passed, %d failed', passed, failed))
  io.stdout:flush()
  if failed > 0 then
    vim.cmd('1cquit')
  else
    vim.cmd('qall!')
  end
end

-- A crash anywhere below must still end the run with a failure, never hang or pass.
local ok_run, run_error = pcall(function()
  if vim.fn.filereadable(root .. '/dist/server.js') ~= 1 then
    check('dist/server.js exists (run "npm run build" first)', false)
    return
  end

  local server_errors = {}
  local client_id = vim.lsp.start_client({
    name = 'news-claims',
    cmd = { 'node', root .. '/dist/server.js', '--stdio' },
    root_dir = root .. '/test/e2e/workspace',
    on_error = function(code, err)
      table.insert(server_errors, tostring(code) .. ' ' .. vim.inspect(err))
    end,
  })
  check('the language server starts', client_id ~= nil)
  if client_id == nil then
    return
  end

  vim.cmd('edit ' .. vim.fn.fnameescape(article))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)

  -- Neovim 0.7 only supports pushed diagnostics, so wait for the server's publishDiagnostics.
  local arrived = vim.wait(timeout_ms, function()
    return #vim.diagnostic.get(buf) > 0
  end, 50)
  check('diagnostics arrive for the article', arrived, 'none within ' .. timeout_ms .. ' ms')

  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)

  -- Finds the first occurrence of a phrase and returns its LSP position (UTF-16 character).
  local function position_of(phrase)
    for index, line in ipairs(lines) do
      local byte = line:find(phrase, 1, true)
      if byte then
        return { line = index - 1, character = vim.str_utfindex(line, byte - 1) }
      end
    end
    return nil
  end

  local figure = position_of('$3.5 million')
  local codes = {}
  local figure_codes = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(buf)) do
    local code = diagnostic.code or (diagnostic.user_data and diagnostic.user_data.lsp and diagnostic.user_data.lsp.code)
    codes[#codes + 1] = tostring(code)
    if figure and diagnostic.lnum == figure.line then
      figure_codes[tostring(code)] = true
    end
  end
  check(
    'the unattributed figure "$3.5 million" is flagged unattributed-figure',
    figure_codes['unattributed-figure'] == true,
    'codes: ' .. table.concat(codes, ', ')
  )
  check(
    'the attributed quote by Lindqvist is not flagged quote-without-source',
    not vim.tbl_contains(codes, 'quote-without-source'),
    'codes: ' .. table.concat(codes, ', ')
  )

  local function hover_text(position)
    local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = position }
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, timeout_ms) or {}
    for _, response in pairs(responses) do
      local contents = response.result and response.result.contents
      if type(contents) == 'table' then
        return contents.value or vim.inspect(contents)
      elseif type(contents) == 'string' then
        return contents
      end
    end
    return ''
  end

  if figure then
    local text = hover_text({ line = figure.line, character = figure.character + 2 })
    check('hover on the figure names it and says it has no source', text:find('Figure', 1, true) ~= nil
      and text:find('no source', 1, true) ~= nil, text)
  else
    check('the fixture contains "$3.5 million"', false)
  end

  local person = position_of('Marta Lindqvist')
  if person then
    local text = hover_text({ line = person.line, character = person.character + 1 })
    check('hover on the person shows Person Marta Lindqvist', text:find('Person', 1, true) ~= nil
      and text:find('Lindqvist', 1, true) ~= nil, text)
  else
    check('the fixture contains "Marta Lindqvist"', false)
  end

  -- The quick-fix for the bare figure: the server reads everything it needs from the
  -- diagnostic's data, which Neovim 0.7 keeps in user_data.lsp.
  local figure_diagnostic = nil
  for _, diagnostic in ipairs(vim.diagnostic.get(buf)) do
    local lsp_diagnostic = diagnostic.user_data and diagnostic.user_data.lsp
    if figure and lsp_diagnostic and lsp_diagnostic.code == 'unattributed-figure' and diagnostic.lnum == figure.line then
      figure_diagnostic = lsp_diagnostic
    end
  end
  if figure_diagnostic then
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = figure_diagnostic.range,
      context = { diagnostics = { figure_diagnostic }, only = { 'quickfix' } },
    }
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, timeout_ms) or {}
    local titles = {}
    for _, response in pairs(responses) do
      for _, action in ipairs(response.result or {}) do
        titles[#titles + 1] = action.title
      end
    end
    local offers_attribution = false
    for _, title in ipairs(titles) do
      if title:find('^Attribute to .*Lindqvist') then
        offers_attribution = true
      end
    end
    check('the quick-fixes for the figure offer "Attribute to … Lindqvist"', offers_attribution,
      'titles: ' .. table.concat(titles, ' | '))
  else
    check('the figure diagnostic keeps its LSP data for code actions', false)
  end

  check('the server reported no client errors', #server_errors == 0, table.concat(server_errors, '; '))
  vim.lsp.stop_client(client_id)
end)

if not ok_run then
  check('the check script ran to the end', false, tostring(run_error))
end
finish()
